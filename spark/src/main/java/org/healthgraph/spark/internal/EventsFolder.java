package org.healthgraph.spark.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.healthgraph.graph.ErrorKind;
import org.healthgraph.journeys.JourneyException;
import org.healthgraph.journeys.parquet.EventsLayout;
import org.healthgraph.spark.SparkJobException;

/**
 * A folder of care events in the {@link EventsLayout}, checked before a job reads it: the layout file
 * is there and readable, every bucket it names has its folder and at least one Parquet file, and every
 * file's columns have the types this build reads. Each failure names the file or folder, so that a
 * bad export is found before a cluster spends an hour on it.
 */
public final class EventsFolder {

    /** The columns read, as Spark sees them. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField(EventsLayout.PATIENT_ID, DataTypes.StringType, false),
        DataTypes.createStructField(EventsLayout.BIRTH_DATE, DataTypes.DateType, true),
        DataTypes.createStructField(EventsLayout.EVENT_NO, DataTypes.IntegerType, false),
        DataTypes.createStructField(EventsLayout.TYPE, DataTypes.StringType, false),
        DataTypes.createStructField(EventsLayout.START_DATE, DataTypes.DateType, false),
        DataTypes.createStructField(EventsLayout.END_DATE, DataTypes.DateType, false),
        DataTypes.createStructField(EventsLayout.SOURCE, DataTypes.StringType, true),
        DataTypes.createStructField(EventsLayout.QUANTITY, DataTypes.IntegerType, true),
        DataTypes.createStructField(EventsLayout.CODES, DataTypes.createArrayType(new StructType(new StructField[] {
            DataTypes.createStructField("system", DataTypes.StringType, true),
            DataTypes.createStructField("code", DataTypes.StringType, true),
            DataTypes.createStructField("role", DataTypes.StringType, true)}), true), true)});

    /** Each flat column's Parquet physical type. */
    private static final Map<String, PrimitiveType.PrimitiveTypeName> PHYSICAL = Map.of(
            EventsLayout.PATIENT_ID, PrimitiveType.PrimitiveTypeName.BINARY,
            EventsLayout.BIRTH_DATE, PrimitiveType.PrimitiveTypeName.INT32,
            EventsLayout.EVENT_NO, PrimitiveType.PrimitiveTypeName.INT32,
            EventsLayout.TYPE, PrimitiveType.PrimitiveTypeName.BINARY,
            EventsLayout.START_DATE, PrimitiveType.PrimitiveTypeName.INT32,
            EventsLayout.END_DATE, PrimitiveType.PrimitiveTypeName.INT32,
            EventsLayout.SOURCE, PrimitiveType.PrimitiveTypeName.BINARY,
            EventsLayout.QUANTITY, PrimitiveType.PrimitiveTypeName.INT32);

    private final EventsLayout layout;
    private final List<String> bucketFolders;

    private EventsFolder(EventsLayout layout, List<String> bucketFolders) {
        this.layout = layout;
        this.bucketFolders = List.copyOf(bucketFolders);
    }

    /**
     * Reads the layout of {@code folder} (a path or URI Hadoop reads: a local folder, hdfs://, s3a://)
     * and checks the folder against it.
     *
     * @throws SparkJobException (invalid input) naming the file or folder at fault
     */
    public static EventsFolder check(String folder, Configuration conf) {
        Path root = new Path(folder);
        Path layoutFile = new Path(root, EventsLayout.FILE_NAME);
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(layoutFile)) {
                throw new SparkJobException("no layout file " + layoutFile + ": is " + folder + " a folder written by"
                        + " `healthgraph export events --format parquet` (the file is written last: an export that did not"
                        + " finish has none)?");
            }
            EventsLayout layout;
            try (InputStream in = fs.open(layoutFile)) {
                layout = EventsLayout.parse(in.readAllBytes(), layoutFile.toString());
            } catch (JourneyException e) {
                throw new SparkJobException(ErrorKind.INVALID_INPUT, e.getMessage(), e);
            }
            List<String> folders = new ArrayList<>();
            for (EventsLayout.Bucket b : layout.buckets()) {
                Path dir = new Path(root, b.folder());
                List<Path> files = parquetFiles(fs, dir);
                if (files.isEmpty()) {
                    throw new SparkJobException("the layout file " + layoutFile + " names bucket " + b.bucket() + " ("
                            + b.patients() + " patients) but its folder " + dir + " is missing or holds no Parquet file:"
                            + " the folder is incomplete (export it again)");
                }
                for (Path file : files) {
                    checkColumns(file, conf);
                }
                folders.add(dir.toString());
            }
            return new EventsFolder(layout, folders);
        } catch (IOException e) {
            throw new SparkJobException(ErrorKind.UNAVAILABLE, "cannot read the Parquet events folder " + folder + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    public EventsLayout layout() {
        return layout;
    }

    /** The bucket folders to read (every one the layout names). */
    public List<String> bucketFolders() {
        return bucketFolders;
    }

    private static List<Path> parquetFiles(FileSystem fs, Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (s.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                out.add(s.getPath());
            }
        }
        return out;
    }

    /** Every column this build reads is in the file's footer with the type it reads. */
    private static void checkColumns(Path file, Configuration conf) throws IOException {
        MessageType schema;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
        } catch (RuntimeException e) {
            throw new SparkJobException(ErrorKind.INVALID_INPUT, "the Parquet events file " + file + " cannot be read as"
                    + " Parquet (" + e.getClass().getSimpleName() + ")", e);
        }
        for (var expected : PHYSICAL.entrySet()) {
            String column = expected.getKey();
            if (!schema.containsField(column)) {
                throw new SparkJobException("the Parquet events file " + file + " has no column " + column);
            }
            Type t = schema.getType(column);
            if (!t.isPrimitive() || t.asPrimitiveType().getPrimitiveTypeName() != expected.getValue()
                    || dateExpected(column) != (t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation)) {
                throw new SparkJobException("the Parquet events file " + file + " has column " + column + " of type " + describe(t)
                        + "; this build reads " + describe(column) + " (schema version " + EventsLayout.SCHEMA_VERSION
                        + "): was the folder written by another version or changed by hand?");
            }
        }
        if (!schema.containsField(EventsLayout.CODES) || schema.getType(EventsLayout.CODES).isPrimitive()
                || !(schema.getType(EventsLayout.CODES).getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
            throw new SparkJobException("the Parquet events file " + file + " has no column " + EventsLayout.CODES
                    + " of type list of {system, code, role}");
        }
        GroupType codes = schema.getType(EventsLayout.CODES).asGroupType();
        if (codes.getFieldCount() != 1) {
            throw new SparkJobException("the Parquet events file " + file + " has a column " + EventsLayout.CODES
                    + " that is not a standard Parquet list");
        }
    }

    private static boolean dateExpected(String column) {
        return column.endsWith("_date");
    }

    private static String describe(Type t) {
        if (!t.isPrimitive()) {
            return "group";
        }
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        return t.asPrimitiveType().getPrimitiveTypeName() + (a == null ? "" : " (" + a + ")");
    }

    private static String describe(String column) {
        return PHYSICAL.get(column) + (dateExpected(column) ? " (DATE)" : PHYSICAL.get(column)
                == PrimitiveType.PrimitiveTypeName.BINARY ? " (STRING)" : "");
    }
}
