package dev.spinel.client.connect;

/** A topology that cannot be reached: wrong address or password, no Sentinel answering, an unknown master name. */
public final class ConnectException extends RuntimeException {
    public ConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
