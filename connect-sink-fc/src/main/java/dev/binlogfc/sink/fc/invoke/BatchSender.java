package dev.binlogfc.sink.fc.invoke;

import java.io.IOException;

/** Sends one batch body to a function and returns its answer; {@link FcInvoker} does it over HTTP. */
public interface BatchSender {

    InvocationTarget target();

    /**
     * Sends {@code body} and returns the answer, whatever its status.
     *
     * @throws IOException when no answer arrived, or the call was cancelled through {@code canceller}
     */
    FcResponse invoke(byte[] body, CallCanceller canceller) throws IOException;
}
