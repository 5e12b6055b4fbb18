package org.healthgraph.importers.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.healthgraph.graph.HealthgraphException;

/**
 * The property every fuzz target holds: an input gets a result or a {@link HealthgraphException} with a
 * kind, within a bounded time; and no message (of the exception, or of the problems a report lists)
 * repeats more of the input than a short quoted field, names an exception class or holds a stack
 * frame. A breach is thrown as an {@link AssertionError}, which Jazzer records as a finding.
 */
final class FuzzProperty {

    /** Longest run of the input a message may repeat: a short quoted field (a key, a column name). */
    static final int MAX_ECHO = 64;

    /** Longest time one input may take; inputs are at most a few KB, and each is read in milliseconds. */
    static final Duration PER_INPUT = Duration.ofSeconds(10);

    /**
     * Longest time of a target's first input, which loads (and has Jazzer instrument) the reader's
     * classes and opens the in-memory graph: seconds on a loaded machine, not the reader's own time.
     */
    static final Duration FIRST_INPUT = Duration.ofSeconds(120);

    private static final java.util.Set<Class<?>> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The folders of {@link Scratch}, whose paths messages may name. */
    static final java.util.Set<String> SCRATCH_ROOTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*at [\\w.$/]+\\(|Caused by:");
    private static final Pattern EXCEPTION_CLASS =
            Pattern.compile("\\b(java|javax|jdk|sun|com|org|tools|ca)\\.[\\w.$]+\\.[A-Z]\\w*(Exception|Error)\\b");

    /** Runs the inputs; replaced when one does not end, so that the next input does not wait behind it. */
    private static ExecutorService worker = newWorker();

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-target");
            t.setDaemon(true);
            return t;
        });
    }

    private FuzzProperty() {
    }

    /**
     * Runs {@code read} on {@code input} and checks the property; returns the result, or empty when
     * the input was refused with a clear error.
     */
    static synchronized <T> java.util.Optional<T> holds(byte[] input, Callable<T> read) {
        Class<?> target = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
        Duration bound = STARTED.add(target) ? FIRST_INPUT : PER_INPUT;
        Future<T> future = worker.submit(read);
        try {
            return java.util.Optional.of(future.get(bound.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("no answer within " + bound + " for an input of " + input.length + " bytes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            Throwable thrown = e.getCause();
            if (!(thrown instanceof HealthgraphException clear)) {
                throw new AssertionError("not a HealthgraphException: " + thrown, thrown);
            }
            if (clear.kind() == null) {
                throw new AssertionError("an error without a kind", clear);
            }
            messageIsClean(clear.getMessage(), input);
            return java.util.Optional.empty();
        }
    }

    /**
     * Runs the reader {@code read} makes of {@code input} and checks the property, as
     * {@link #holds(byte[], Callable)}; a message that repeats a long run of the input is an echo
     * only when the run comes from the input: the same input with that run blanked out is read again,
     * and a message that still holds the run wrote it itself (the fuzzer learns a reader's own words,
     * such as a parser's "was expecting a colon to separate property name and value", and puts them
     * in inputs).
     */
    static synchronized <T> java.util.Optional<T> holds(byte[] input, java.util.function.Function<byte[], Callable<T>> read) {
        try {
            return holds(input, read.apply(input));
        } catch (Echo echo) {
            byte[] blanked = blank(input, echo.run);
            String again;
            try {
                holds(blanked, read.apply(blanked));
                throw echo; // read without an error once the run is gone: the run was the input's
            } catch (Echo second) {
                again = second.message;
            } catch (AssertionError other) {
                throw echo;
            }
            if (again == null || !again.contains(echo.run)) {
                throw echo;
            }
            return java.util.Optional.empty();
        }
    }

    /** The input with every occurrence of {@code run} (as UTF-8 text) replaced by as many 'x'. */
    private static byte[] blank(byte[] input, String run) {
        String text = new String(input, StandardCharsets.UTF_8);
        return text.replace(run, "x".repeat(run.length())).getBytes(StandardCharsets.UTF_8);
    }

    /** A message that repeats a run of the input: the finding, with the run and the message. */
    static final class Echo extends AssertionError {
        private static final long serialVersionUID = 1L;
        final transient String run;
        final transient String message;

        Echo(String run, String message) {
            super("a message repeats " + MAX_ECHO + "+ characters of the input: " + message);
            this.run = run;
            this.message = message;
        }
    }

    /** Checks each message (of problems listed in a report, say). */
    static void messagesAreClean(Collection<String> messages, byte[] input) {
        messages.forEach(m -> messageIsClean(m, input));
    }

    /** Fails when {@code message} repeats a long run of {@code input}, names an exception class or holds a stack frame. */
    static void messageIsClean(String message, byte[] input) {
        if (message == null || message.isBlank()) {
            throw new AssertionError("an error without a message");
        }
        if (STACK_FRAME.matcher(message).find()) {
            throw new AssertionError("a stack trace in a message: " + message);
        }
        if (EXCEPTION_CLASS.matcher(message).find()) {
            throw new AssertionError("an exception's class name in a message: " + message);
        }
        // The scratch files' own paths are named in messages by design ("cannot read <file>"); the fuzzer can
        // learn them and put them in an input, which is no echo of the input.
        for (String root : SCRATCH_ROOTS) {
            message = message.replace(root, "<scratch>");
        }
        String text = new String(input, StandardCharsets.UTF_8);
        String latin = new String(input, StandardCharsets.ISO_8859_1);
        String shown = message;
        java.util.Optional<String> run = repeated(shown, text).or(() -> repeated(shown, latin));
        if (run.isPresent()) {
            throw new Echo(run.get(), shown);
        }
    }

    /**
     * The first run of {@link #MAX_ECHO} characters of {@code message} that is in {@code input}. Compared
     * through window hashes, never {@code String.contains}: Jazzer hooks string comparisons of the
     * classes it instruments and would learn the message from the check itself, then put it in an input.
     */
    private static java.util.Optional<String> repeated(String message, String input) {
        if (message.length() < MAX_ECHO || input.length() < MAX_ECHO) {
            return java.util.Optional.empty();
        }
        long[] windows = windowHashes(input);
        Arrays.sort(windows);
        long[] inMessage = windowHashes(message);
        for (int i = 0; i < inMessage.length; i++) {
            if (Arrays.binarySearch(windows, inMessage[i]) >= 0 && occurs(message, i, input)) {
                return java.util.Optional.of(message.substring(i, i + MAX_ECHO));
            }
        }
        return java.util.Optional.empty();
    }

    private static long[] windowHashes(String s) {
        long[] out = new long[s.length() - MAX_ECHO + 1];
        long power = 1;
        long hash = 0;
        for (int i = 0; i < MAX_ECHO; i++) {
            hash = hash * 31 + s.charAt(i);
            power = i == 0 ? 1 : power * 31;
        }
        out[0] = hash;
        for (int i = MAX_ECHO; i < s.length(); i++) {
            hash = (hash - s.charAt(i - MAX_ECHO) * power) * 31 + s.charAt(i);
            out[i - MAX_ECHO + 1] = hash;
        }
        return out;
    }

    /** The window of {@code message} at {@code at}, looked for in {@code input} char by char. */
    private static boolean occurs(String message, int at, String input) {
        for (int start = 0; start + MAX_ECHO <= input.length(); start++) {
            int k = 0;
            while (k < MAX_ECHO && input.charAt(start + k) == message.charAt(at + k)) {
                k++;
            }
            if (k == MAX_ECHO) {
                return true;
            }
        }
        return false;
    }
}
