package org.bdisuite.exporter.delivery;

/** A delivery failed; the message says where and why (never a secret). */
public class DeliveryException extends RuntimeException {

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
