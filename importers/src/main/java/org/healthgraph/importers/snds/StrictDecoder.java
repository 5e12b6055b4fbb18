package org.healthgraph.importers.snds;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Characters of a file decoded with REPORT on malformed and unmappable input: a byte that is not of
 * the file's encoding is an error where it stands, not a replacement character inside a value. The
 * error is raised only once the characters before it have been read, so that the caller knows the
 * line that holds it ({@code InputStreamReader} throws a whole buffer ahead).
 */
final class StrictDecoder {

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private final char[] chars = new char[1 << 16];
    private final CharBuffer out = CharBuffer.wrap(chars);
    private int pos;
    private int len;
    private boolean eof;
    private boolean ended;
    private CoderResult error;

    StrictDecoder(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
    }

    /** The next character, or -1 at the end. */
    int next() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return chars[pos++];
    }

    /** Gives back the character just read. */
    void unread() {
        pos--;
    }

    private boolean fill() throws IOException {
        while (true) {
            if (error != null) {
                throwError();
            }
            if (ended) {
                return false;
            }
            out.clear();
            if (!eof && bytes.remaining() < 8) {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            CoderResult r = decoder.decode(bytes, out, eof);
            if (r.isError()) {
                error = r;
            } else if (eof && r.isUnderflow()) {
                decoder.flush(out);
                ended = true;
            }
            pos = 0;
            len = out.position();
            if (len > 0) {
                return true;
            }
        }
    }

    private void throwError() throws CharacterCodingException {
        CoderResult r = error;
        error = null;
        r.throwException();
    }
}
