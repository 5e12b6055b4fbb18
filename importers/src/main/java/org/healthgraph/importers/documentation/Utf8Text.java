package org.healthgraph.importers.documentation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * UTF-8 decoding that keeps going: each byte sequence that is not UTF-8 becomes U+FFFD, and the
 * lines where that happened are told, so that the rest of the page is read as written.
 *
 * @param text the decoded text, without a byte order mark
 * @param badLines the 1-based lines holding bytes that are not UTF-8, in order, each once
 */
record Utf8Text(String text, List<Integer> badLines) {

    static Utf8Text decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 16);
        List<Integer> bad = new ArrayList<>();
        int line = 1;
        int counted = 0;
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isUnderflow()) {
                break;
            }
            if (r.isError()) {
                for (; counted < in.position(); counted++) {
                    if (bytes[counted] == '\n') {
                        line++;
                    }
                }
                if (bad.isEmpty() || bad.get(bad.size() - 1) != line) {
                    bad.add(line);
                }
                out.put('\uFFFD');
                in.position(in.position() + r.length());
            } else if (r.isOverflow()) {
                CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2);
                out.flip();
                bigger.put(out);
                out = bigger;
            }
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return new Utf8Text(text.startsWith("\uFEFF") ? text.substring(1) : text, List.copyOf(bad));
    }
}
