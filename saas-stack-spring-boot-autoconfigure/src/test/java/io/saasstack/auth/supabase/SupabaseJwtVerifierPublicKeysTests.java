package io.saasstack.auth.supabase;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import io.saasstack.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.BadJwtException;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.saasstack.auth.supabase.SupabaseTestSupport.EC_KEY;
import static io.saasstack.auth.supabase.SupabaseTestSupport.NOW;
import static io.saasstack.auth.supabase.SupabaseTestSupport.RSA_KEY;
import static io.saasstack.auth.supabase.SupabaseTestSupport.USER_ID;
import static io.saasstack.auth.supabase.SupabaseTestSupport.claims;
import static io.saasstack.auth.supabase.SupabaseTestSupport.es256;
import static io.saasstack.auth.supabase.SupabaseTestSupport.rs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SupabaseJwtVerifier.Builder#publicKeys}: keys given up front, never fetched.
 */
class SupabaseJwtVerifierPublicKeysTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = new MutableClock(NOW);

	@AfterEach
	void noCallWasMade() {
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	private SupabaseJwtVerifier verifier(JWKSet keys) {
		return SupabaseTestSupport.verifier(wm.baseUrl(), this.clock, (builder) -> builder.publicKeys(keys)).build();
	}

	@Test
	void acceptsTokensSignedWithTheGivenKeys() {
		SupabaseJwtVerifier verifier = verifier(new JWKSet(List.of(EC_KEY.toPublicJWK(), RSA_KEY.toPublicJWK())));
		SupabaseJwtDecoder decoder = new SupabaseJwtDecoder(verifier);
		assertThat(decoder.decode(es256(claims().build())).getSubject()).isEqualTo(USER_ID);
		assertThat(decoder.decode(rs256(claims().build())).getSubject()).isEqualTo(USER_ID);
		StepVerifier.create(new ReactiveSupabaseJwtDecoder(verifier).decode(es256(claims().build())))
			.assertNext((jwt) -> assertThat(jwt.getSubject()).isEqualTo(USER_ID))
			.verifyComplete();
		assertThat(verifier.jwks().keyIds()).containsExactly(EC_KEY.getKeyID(), RSA_KEY.getKeyID());
	}

	@Test
	void privateKeysGivenAreUsedByTheirPublicHalfOnly() {
		SupabaseJwtVerifier verifier = verifier(new JWKSet(EC_KEY));
		assertThat(new SupabaseJwtDecoder(verifier).decode(es256(claims().build())).getSubject()).isEqualTo(USER_ID);
		assertThat(verifier.jwks().key(EC_KEY.getKeyID()).block()).extracting(JWK::isPrivate).isEqualTo(false);
	}

	@Test
	void tokenOfAnotherKeyIsRejectedWithoutFetching() {
		SupabaseJwtDecoder decoder = new SupabaseJwtDecoder(verifier(new JWKSet(EC_KEY.toPublicJWK())));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(rs256(claims().build())))
			.withMessageContaining("configured key set");
	}

	@Test
	void symmetricKeysOfTheSetAreNeverUsed() {
		OctetSequenceKey secret = new OctetSequenceKey.Builder(new byte[32]).keyID(RSA_KEY.getKeyID()).build();
		SupabaseJwtDecoder decoder = new SupabaseJwtDecoder(verifier(new JWKSet(secret)));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(rs256(claims().build())));
		assertThat(verifier(new JWKSet(secret)).jwks().keyIds()).isEmpty();
	}

}
