package org.healthgraph.app.config;

import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.validation.FieldError;

/**
 * Says in one line which setting is wrong and why, from the failure of binding the typed settings
 * ({@link HealthgraphProperties}): a value of the wrong type (the setting, the value and its origin,
 * the expected type) or out of range (the setting and the rule). The server prints Spring Boot's
 * own report for the same failures; the command line prints this line.
 */
public final class SettingErrors {

    private SettingErrors() {
    }

    /** The description of the first settings failure in {@code failure}'s causes, if there is one. */
    public static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return Optional.of(describe(bind));
            }
        }
        return Optional.empty();
    }

    private static String describe(BindException bind) {
        for (Throwable t = bind.getCause(); t != null; t = t.getCause()) {
            if (t instanceof BindValidationException invalid) {
                return invalid.getValidationErrors().getAllErrors().stream().map(error -> {
                    String name = invalid.getValidationErrors().getName()
                            + (error instanceof FieldError field ? "." + kebab(field.getField()) : "");
                    Object value = error instanceof FieldError field ? field.getRejectedValue() : null;
                    return "setting " + name + (value == null ? "" : " = '" + value + "'") + ": " + error.getDefaultMessage();
                }).collect(Collectors.joining("; "));
            }
        }
        ConfigurationProperty property = bind.getProperty();
        String target = bind.getTarget().getType().toString().replace("java.lang.", "").replace("java.time.", "");
        if (property == null) {
            return "settings under " + bind.getName() + " cannot be read as " + target;
        }
        return "setting " + property.getName() + " = '" + property.getValue() + "'"
                + (property.getOrigin() == null ? "" : " (from " + property.getOrigin() + ")")
                + " is not a valid " + target;
    }

    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
