package org.mlregistry.core.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.exception.NoDataFoundException;
import org.jooq.exception.TooManyRowsException;
import org.mlregistry.core.error.CommitOutcomeUnknownException;
import org.mlregistry.core.error.ConnectionLostException;
import org.mlregistry.core.error.DatabaseRefusedException;
import org.mlregistry.core.error.DeadlockDetectedException;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.error.LockNotAvailableException;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.core.error.PermissionDeniedException;
import org.mlregistry.core.error.QueryCancelledException;
import org.mlregistry.core.error.RefusedException;
import org.mlregistry.core.error.RegistryException;
import org.mlregistry.core.error.ResourcesExhaustedException;
import org.mlregistry.core.error.SerializationFailureException;
import org.mlregistry.core.error.StatementTimeoutException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns whatever the database, the driver, the pool or jOOQ threw into mlregistry's typed error,
 * by SQLState: refused (input, rule, privilege, state) or transient (connection, timeout, lock,
 * serialization, deadlock, resources). Integrity constraint violations (class 23) go to
 * {@link ConstraintViolations}. Messages carry the server's primary message, never the SQL; the
 * cause keeps the original exception and so its SQLState.
 */
public final class DatabaseFailures {

    /** Longest server message repeated in a typed error's message. */
    private static final int MESSAGE_LIMIT = 200;
    /** COPY's context line names the column of the refused value: {@code COPY t, line 3, column accuracy: "…"}. */
    private static final Pattern COPY_COLUMN = Pattern.compile("COPY \\S+, line (\\d+), column (\\w+)");
    private static final Pattern COPY_LINE = Pattern.compile("COPY \\S+, line (\\d+)");

    private DatabaseFailures() {
    }

    /**
     * The typed error for a failure.
     *
     * @param thrown what jOOQ, the driver or the pool threw (a {@link RegistryException} is returned as is)
     * @param duringCommit true when the work had finished and the transaction was committing
     * @return the typed error, not thrown
     */
    public static RegistryException translate(Throwable thrown, boolean duringCommit) {
        return translate(thrown, duringCommit, UnaryOperator.identity());
    }

    /**
     * The typed error for a failure, on schemas under names of a service's choosing.
     *
     * @param thrown what jOOQ, the driver or the pool threw (a {@link RegistryException} is returned as is)
     * @param duringCommit true when the work had finished and the transaction was committing
     * @param schemaName the library's name of a schema the server names (see {@link SchemaMapping#canonical})
     * @return the typed error, not thrown
     */
    public static RegistryException translate(Throwable thrown, boolean duringCommit, UnaryOperator<String> schemaName) {
        if (thrown instanceof RegistryException typed) {
            return typed;
        }
        if (thrown instanceof NoDataFoundException) {
            return new NotFoundException("row", "that the operation expected (it was deleted or changed concurrently)");
        }
        if (thrown instanceof TooManyRowsException e) {
            return new DatabaseRefusedException("a statement returned more than the one row expected", e);
        }
        SQLException sql = sqlException(thrown);
        String state = sql == null ? null : sql.getSQLState();
        if (state == null) {
            return withoutState(thrown, sql);
        }
        ServerErrorMessage server = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String said = server != null && server.getMessage() != null ? server.getMessage() : shortened(sql.getMessage());
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return duringCommit ? new CommitOutcomeUnknownException(thrown)
                    : new ConnectionLostException("connection to PostgreSQL lost (SQLState " + state + "): " + said, thrown);
        }
        switch (state) {
            case "57014":
                return said.contains("statement timeout")
                        ? new StatementTimeoutException("statement cancelled: it ran longer than the statement timeout", thrown)
                        : new QueryCancelledException("statement cancelled on request: " + said, thrown);
            case "55P03":
                return new LockNotAvailableException("lock not available within the lock timeout: " + said, thrown);
            case "40001":
                return new SerializationFailureException("transaction rolled back, a concurrent transaction changed its data: " + said, thrown);
            case "40P01":
                return new DeadlockDetectedException("transaction rolled back to break a deadlock", thrown);
            case "42501":
                return new PermissionDeniedException("the database role lacks a privilege: " + said, thrown);
            default:
                break;
        }
        if (state.startsWith("53")) {
            return new ResourcesExhaustedException("the server is out of resources (SQLState " + state + "): " + said, thrown);
        }
        if (state.startsWith("23")) {
            return ConstraintViolations.translate(server, thrown, schemaName);
        }
        if (state.startsWith("22") || state.equals("54000")) {
            return invalidValue(state, server, said, thrown);
        }
        return new DatabaseRefusedException("the database refused the statement (SQLState " + state + "): " + said, thrown);
    }

    /** Class 22 (data exception) and 54000 (a value too large for an index row): the value is refused. */
    private static InvalidValueException invalidValue(String state, ServerErrorMessage server, String said, Throwable thrown) {
        String where = server == null ? null : server.getWhere();
        String field = server != null && server.getColumn() != null ? server.getColumn() : copyColumn(where);
        String rule = switch (state) {
            case "22021", "22P05" -> "must not contain NUL characters or invalid UTF-8";
            case "22008", "22009" -> "must be a timestamp within PostgreSQL's range (4713 BC to 294276 AD)";
            case "22003" -> "is out of the column's numeric range (" + said + (server != null && server.getDetail() != null ? " " + server.getDetail() : "") + ")";
            case "54000" -> "is too large to be indexed (" + said + ")";
            case "22P04" -> "must be CSV in the expected format (" + said + ")";
            default -> "is refused: " + said;
        };
        Matcher line = where == null ? null : COPY_LINE.matcher(where);
        if (line != null && line.find()) {
            rule += " (CSV line " + line.group(1) + ")";
        }
        return new InvalidValueException(field, null, shortened(rule), thrown);
    }

    private static String copyColumn(String where) {
        if (where != null) {
            Matcher m = COPY_COLUMN.matcher(where);
            if (m.find()) {
                return m.group(2);
            }
        }
        return "value";
    }

    /** A failure without SQLState: the pool's timeout, a closed connection, the caller's stream, or jOOQ itself. */
    private static RegistryException withoutState(Throwable thrown, SQLException sql) {
        if (sql instanceof SQLTransientConnectionException) {
            return new ResourcesExhaustedException("no database connection available in time: " + shortened(sql.getMessage()), thrown);
        }
        if (sql != null) {
            return new ConnectionLostException("database access failed: " + shortened(sql.getMessage()), thrown);
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return new RefusedException("reading or writing the caller's stream failed: " + shortened(io.getMessage()), thrown);
            }
        }
        return new DatabaseRefusedException("database access failed: " + thrown.getClass().getSimpleName(), thrown);
    }

    /** The first SQLException among the causes, preferring one that carries a SQLState. */
    static SQLException sqlException(Throwable thrown) {
        SQLException first = null;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if (sql.getSQLState() != null) {
                    return sql;
                }
                if (first == null) {
                    first = sql;
                }
            }
        }
        return first;
    }

    private static String shortened(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT) + "…";
    }
}
