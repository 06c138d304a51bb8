package dev.spinel.ops.admin;

/**
 * A command to a node failed: it could not be reached, the connection broke, or no reply came in
 * time. {@link ErrorReply}, a subclass, is a node that answered with an error.
 */
public class AdminException extends RuntimeException {
    public AdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
