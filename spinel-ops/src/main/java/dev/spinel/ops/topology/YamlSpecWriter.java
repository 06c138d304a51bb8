package dev.spinel.ops.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** Renders a draft as the {@code spinel.yaml} that {@link YamlSpecReader} reads back. */
public final class YamlSpecWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

    private YamlSpecWriter() {
    }

    public static String render(SpecDraft draft) {
        SpecDraft versioned = new SpecDraft(SpecDraft.CURRENT_VERSION, draft.mode(), draft.nodes(), draft.shards(),
                draft.replicas(), draft.portBase(), draft.hosts(), draft.profile(), draft.settings(), draft.sentinel(),
                draft.backup(), draft.durability(), draft.network(), draft.formedShards(), draft.audit());
        try {
            return "# Spinel topology spec. `spinel plan` shows what `spinel up` would do with it.\n"
                    + MAPPER.writeValueAsString(versioned);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a spec draft as YAML", e);
        }
    }
}
