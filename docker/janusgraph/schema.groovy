// healthgraph's schema in JanusGraph, created once before the server first starts (the image runs
// the scripts of /docker-entrypoint-initdb.d). Every label's key is unique within its label (a
// composite index restricted to the label, with a lock), and the properties healthgraph looks nodes
// up by are indexed. Written for JanusGraph 1.1; not run by healthgraph's tests (no docker there).
graph = JanusGraphFactory.open('/etc/opt/janusgraph/janusgraph.properties')
mgmt = graph.openManagement()
if (mgmt.getGraphIndex('healthgraphTableName') == null) {
    def key = { name, type -> mgmt.getPropertyKey(name) ?: mgmt.makePropertyKey(name).dataType(type).make() }
    def label = { name -> mgmt.getVertexLabel(name) ?: mgmt.makeVertexLabel(name).make() }
    // label: key property (GraphNames.LABELS and the journeys stamp)
    ['Dataset': 'name', 'Table': 'name', 'Variable': 'key', 'Nomenclature': 'name', 'Code': 'key', 'Patient': 'id',
     'Pseudonym': 'key', 'CareEvent': 'id', 'Record': 'key', 'Change': 'id', 'CatalogSource': 'name',
     'JourneysStamp': 'key'].each { l, k ->
        def index = mgmt.buildIndex('healthgraph' + l + k.capitalize(), Vertex.class).addKey(key(k, String.class))
                .indexOnly(label(l)).unique().buildCompositeIndex()
        mgmt.setConsistency(index, ConsistencyModifier.LOCK)
    }
    // non-unique look-ups: label: property
    [['Variable', 'table'], ['Table', 'dataset'], ['Variable', 'name'], ['Code', 'nomenclature'], ['CareEvent', 'type'],
     ['Record', 'source']].each { l, p ->
        mgmt.buildIndex('healthgraph' + l + p.capitalize(), Vertex.class).addKey(key(p, String.class))
                .indexOnly(label(l)).buildCompositeIndex()
    }
    // the journeys stamp's version is read then moved by every journeys write: lock it against concurrent writers
    mgmt.setConsistency(key('version', Long.class), ConsistencyModifier.LOCK)
    mgmt.commit()
} else {
    mgmt.rollback()
}
graph.close()
