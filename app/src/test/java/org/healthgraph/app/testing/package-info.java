/** Test support shared by the app module's tests: running the command line, calling the API over HTTP. */
package org.healthgraph.app.testing;
