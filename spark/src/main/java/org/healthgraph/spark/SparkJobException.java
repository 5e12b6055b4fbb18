package org.healthgraph.spark;

import org.healthgraph.graph.ErrorKind;
import org.healthgraph.graph.HealthgraphException;

/**
 * The root of the Spark module's failures: an input folder or file that a job cannot use
 * ({@link ErrorKind#INVALID_INPUT} unless given). Messages name the folder, file, column and rule,
 * never a patient-level value.
 */
public class SparkJobException extends HealthgraphException {

    private static final long serialVersionUID = 1L;

    public SparkJobException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    public SparkJobException(String message) {
        super(ErrorKind.INVALID_INPUT, message, null);
    }
}
