package org.mlregistry.core.tracking;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.UUID;
import org.mlregistry.core.error.InvalidValueException;

/**
 * The opaque page token: URL-safe Base64 of the ordering's signature, the last row's sort value
 * (or its absence) and its run_id.
 */
record PageToken(String signature, String value, UUID runId) {

    private static final int VERSION = 1;

    String encode() {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    static PageToken decode(String token, String expectedSignature) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(token)))) {
            if (in.readByte() != VERSION) {
                throw new InvalidValueException("pageToken", token, "is not a page token of this version");
            }
            String signature = in.readUTF();
            if (!signature.equals(expectedSignature)) {
                throw new InvalidValueException("pageToken", token, "belongs to another ordering (" + signature + ")");
            }
            String value = in.readBoolean() ? in.readUTF() : null;
            UUID runId = new UUID(in.readLong(), in.readLong());
            return new PageToken(signature, value, runId);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidValueException("pageToken", token, "is not a valid page token");
        }
    }
}
