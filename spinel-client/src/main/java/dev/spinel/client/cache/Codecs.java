package dev.spinel.client.cache;

import java.util.Base64;

/** The built-in codecs. JSON is in {@link JsonCodec}, since Jackson is an optional dependency. */
final class Codecs {
    private Codecs() {
    }

    static final Codec<String> STRINGS = new Codec<>() {
        @Override
        public String encode(String value) {
            return value;
        }

        @Override
        public String decode(String stored) {
            return stored;
        }
    };

    static final Codec<byte[]> BYTES = new Codec<>() {
        @Override
        public String encode(byte[] value) {
            return Base64.getEncoder().encodeToString(value);
        }

        @Override
        public byte[] decode(String stored) {
            try {
                return Base64.getDecoder().decode(stored);
            } catch (IllegalArgumentException e) {
                throw new CacheDecodeException("not Base64: " + e.getMessage(), e);
            }
        }
    };
}
