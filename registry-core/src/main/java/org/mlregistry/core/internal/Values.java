package org.mlregistry.core.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.mlregistry.core.error.InvalidValueException;

/**
 * Checks of values against their column types, in Java before the round trip, so that bad input
 * is an {@link InvalidValueException} naming the field rather than an untyped database error.
 * Not part of the public API.
 */
public final class Values {

    private Values() {
    }

    /**
     * json, when it is a JSON object by RFC 8259 as PostgreSQL's jsonb input reads it (checked by
     * a strict parser in Java, no database involved; lenient parsers such as json-simple accept
     * trailing commas, which PostgreSQL refuses).
     *
     * @param field the column or parameter, named in the error
     * @param json the text to check
     * @return json, unchanged
     * @throws InvalidValueException naming field when it is null, not JSON or not an object
     */
    public static String jsonObject(String field, String json) {
        if (json == null || !new JsonSyntax(json).isObject()) {
            throw new InvalidValueException(field, json, "must be a JSON object");
        }
        return json;
    }

    /** A strict JSON syntax check (no values built). */
    private static final class JsonSyntax {
        private final String s;
        private int i;

        JsonSyntax(String s) {
            this.s = s;
        }

        boolean isObject() {
            try {
                ws();
                if (peek() != '{') {
                    return false;
                }
                value(0);
                ws();
                return i == s.length();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("end of input");
            }
            return s.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            i++;
        }

        private void ws() {
            while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private void value(int depth) {
            if (depth > 1000) {
                throw new IllegalArgumentException("too deep");
            }
            ws();
            char c = peek();
            switch (c) {
                case '{' -> {
                    i++;
                    ws();
                    if (peek() == '}') {
                        i++;
                        return;
                    }
                    while (true) {
                        ws();
                        string();
                        ws();
                        expect(':');
                        value(depth + 1);
                        ws();
                        if (peek() == ',') {
                            i++;
                        } else {
                            expect('}');
                            return;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    ws();
                    if (peek() == ']') {
                        i++;
                        return;
                    }
                    while (true) {
                        value(depth + 1);
                        ws();
                        if (peek() == ',') {
                            i++;
                        } else {
                            expect(']');
                            return;
                        }
                    }
                }
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> number();
            }
        }

        private void literal(String word) {
            if (!s.startsWith(word, i)) {
                throw new IllegalArgumentException("expected " + word);
            }
            i += word.length();
        }

        private void string() {
            expect('"');
            while (true) {
                char c = peek();
                i++;
                if (c == '"') {
                    return;
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in string");
                }
                if (c == '\\') {
                    char e = peek();
                    i++;
                    if (e == 'u') {
                        for (int k = 0; k < 4; k++) {
                            if (Character.digit(peek(), 16) < 0) {
                                throw new IllegalArgumentException("bad \\u escape");
                            }
                            i++;
                        }
                        if (s.regionMatches(true, i - 4, "0000", 0, 4)) {
                            throw new IllegalArgumentException("\\u0000 is not allowed in jsonb");
                        }
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw new IllegalArgumentException("bad escape");
                    }
                }
            }
        }

        private void number() {
            int start = i;
            if (i < s.length() && s.charAt(i) == '-') {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '0') {
                i++;
            } else {
                digits();
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                digits();
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                digits();
            }
            if (i == start) {
                throw new IllegalArgumentException("expected a value");
            }
        }

        private void digits() {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("expected digits");
            }
        }
    }

    /**
     * value rounded as PostgreSQL stores it in {@code NUMERIC(precision, scale)} (half away from
     * zero), when the rounded value fits the column.
     *
     * @param field the column or parameter, named in the error
     * @param shown the value as the caller gave it, shown in the error
     * @param value the value to round, or null
     * @param precision the column's total number of digits
     * @param scale the column's number of digits after the decimal point
     * @return value rounded to scale decimals, or null when value is null
     * @throws InvalidValueException naming field when it needs more than precision − scale integer digits
     */
    public static BigDecimal numeric(String field, Object shown, BigDecimal value, int precision, int scale) {
        if (value == null) {
            return null;
        }
        BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
        BigDecimal limit = BigDecimal.TEN.pow(precision - scale);
        if (rounded.abs().compareTo(limit) >= 0) {
            throw new InvalidValueException(field, shown, "must be within (-" + limit + ", " + limit + ") after rounding to "
                    + scale + " decimals (NUMERIC(" + precision + "," + scale + "))");
        }
        return rounded;
    }
}
