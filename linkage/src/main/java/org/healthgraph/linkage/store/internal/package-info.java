/** What both link stores share: the links' property layout and their writing through the port's upserts. */
package org.healthgraph.linkage.store.internal;
