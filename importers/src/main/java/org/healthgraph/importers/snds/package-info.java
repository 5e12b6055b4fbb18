/**
 * The SNDS-shaped extract importer: reads CSV files named after SNDS tables (IR_BEN_R, ER_PRS_F +
 * ER_PHA_F, IR_PHA_R, PMSI MCO T_MCOaaB/C/D, KI_CCI_R) with their real column names and join keys,
 * and turns them into patients with care events for {@code org.healthgraph.journeys}.
 */
package org.healthgraph.importers.snds;
