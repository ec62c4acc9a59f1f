package org.mlregistry.core.error;

/**
 * The connection to PostgreSQL failed or was closed by the server (SQLState class {@code 08},
 * {@code 57P01} admin shutdown, {@code 57P02} crash shutdown, {@code 57P03} cannot connect now).
 * The transaction did not commit; a retry gets a new connection.
 */
public class ConnectionLostException extends TransientException {

    /**
     * @param message what failed, in words
     * @param cause the driver's failure
     */
    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
