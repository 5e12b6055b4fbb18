package org.healthgraph.importers.tableschema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reading source files: strict UTF-8 (a byte that is not UTF-8 is an error, not a replacement), and fingerprints. */
final class SourceFiles {

    private SourceFiles() {
    }

    /** Decodes UTF-8 strictly, dropping a byte order mark. */
    static String utf8(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The path relative to the imported folder, with '/' separators, for reports and sources. */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * Commons CSV's reason without the characters it may quote: "at line 12", or the exception's
     * type. Jackson's and Commons CSV's messages quote the input around a fault (a token of a file
     * that is no table, a value): they are never passed on.
     */
    static String csvFault(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("line:? (\\d+)").matcher(m);
        return line.find() ? "at line " + line.group(1) : e.getClass().getSimpleName();
    }

    /** A short reason for an I/O failure, without the platform's full message. */
    static String reason(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "not valid UTF-8 text";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "cannot be read: permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "does not exist";
        }
        return "cannot be read (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + ")";
    }
}
