package dev.spinel.client.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Values as JSON through Jackson (an optional dependency: add jackson-databind to use it). */
public final class JsonCodec<V> implements Codec<V> {
    private static final ObjectMapper DEFAULT_MAPPER = new ObjectMapper().findAndRegisterModules();
    private final ObjectMapper mapper;
    private final Class<V> type;

    private JsonCodec(ObjectMapper mapper, Class<V> type) {
        this.mapper = mapper;
        this.type = type;
    }

    public static <V> JsonCodec<V> of(Class<V> type) {
        return new JsonCodec<>(DEFAULT_MAPPER, type);
    }

    public static <V> JsonCodec<V> of(ObjectMapper mapper, Class<V> type) {
        return new JsonCodec<>(mapper, type);
    }

    @Override
    public String encode(V value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + type.getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public V decode(String stored) {
        try {
            return mapper.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new CacheDecodeException("not a " + type.getSimpleName() + " in JSON: " + e.getOriginalMessage(), e);
        }
    }
}
