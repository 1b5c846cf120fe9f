package io.saasstack.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of every provider client. It is ours, not the application's: a global
 * {@code spring.jackson.*} setting must not change what goes over the wire to a provider.
 *
 * @since 0.1.0
 */
public final class SaasJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private SaasJson() {
	}

	/** The shared mapper: omits nulls, ignores unknown response fields. */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
