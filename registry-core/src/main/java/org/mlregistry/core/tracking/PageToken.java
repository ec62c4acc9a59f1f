package org.mlregistry.core.tracking;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mlregistry.core.error.InvalidValueException;
import org.mlregistry.core.internal.TrackingLimits;

/**
 * The opaque page token: URL-safe Base64 of the ordering's signature, the last row's sort value
 * (or its absence) and its run_id, followed by an HMAC-SHA256 tag (16 bytes) under the registry's
 * page-token key ({@code Registry.configure().pageTokenKey(…)}; by default a random key of this
 * JVM). A token that was not signed with that key (forged, altered, or from a registry with another
 * key) is refused before its contents are read.
 */
record PageToken(String signature, String value, UUID runId) {

    private static final int VERSION = 2;
    private static final int TAG_BYTES = 16;
    /** Longest token accepted: far above any token issued (signature, value and run_id). */
    private static final int MAX_LENGTH = 1024;

    String encode(byte[] key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(signature);
            out.writeBoolean(value != null);
            if (value != null) {
                out.writeUTF(value);
            }
            out.writeLong(runId.getMostSignificantBits());
            out.writeLong(runId.getLeastSignificantBits());
            out.write(tag(bytes.toByteArray(), key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    static PageToken decode(String token, String expectedSignature, byte[] key) {
        if (token.length() > MAX_LENGTH) {
            throw new InvalidValueException("pageToken", TrackingLimits.shortened(token), "is not a page token (too long)");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("pageToken", TrackingLimits.shortened(token), "is not a valid page token");
        }
        if (raw.length <= TAG_BYTES
                || !MessageDigest.isEqual(tag(Arrays.copyOf(raw, raw.length - TAG_BYTES), key), Arrays.copyOfRange(raw, raw.length - TAG_BYTES, raw.length))) {
            throw new InvalidValueException("pageToken", TrackingLimits.shortened(token),
                    "was not issued by this registry (signature mismatch: forged, altered, or signed with another page-token key)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw, 0, raw.length - TAG_BYTES))) {
            if (in.readByte() != VERSION) {
                throw new InvalidValueException("pageToken", token, "is not a page token of this version");
            }
            String signature = in.readUTF();
            if (!signature.equals(expectedSignature)) {
                throw new InvalidValueException("pageToken", token, "belongs to another ordering (" + signature + ")");
            }
            String value = in.readBoolean() ? in.readUTF() : null;
            UUID runId = new UUID(in.readLong(), in.readLong());
            if (in.available() != 0) {
                throw new InvalidValueException("pageToken", token, "is not a valid page token");
            }
            return new PageToken(signature, value, runId);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidValueException("pageToken", token, "is not a valid page token");
        }
    }

    private static byte[] tag(byte[] payload, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
