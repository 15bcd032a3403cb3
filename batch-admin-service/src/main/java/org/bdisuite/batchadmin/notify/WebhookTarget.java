package org.bdisuite.batchadmin.notify;

import java.net.URI;
import java.util.Optional;
import org.bdisuite.runtime.receiverclient.PinnedTrust;

/**
 * Where a webhook notification goes: a stored destination's URL exactly as stored, the credential the suite signs
 * in there with (HTTP basic), and the certificates pinned for it. The password never appears in {@link #toString()}.
 */
public record WebhookTarget(URI url, String user, String password, Optional<PinnedTrust> trust) {

    @Override
    public String toString() {
        return "WebhookTarget[" + url + " as " + user + "]";
    }
}
