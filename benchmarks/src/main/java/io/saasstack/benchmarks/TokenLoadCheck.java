package io.saasstack.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.auth.clerk.ReactiveClerkJwtDecoder;
import io.saasstack.auth.supabase.ReactiveSupabaseJwtDecoder;
import io.saasstack.auth.supabase.SupabaseHttpClients;
import io.saasstack.auth.supabase.SupabaseJwtVerifier;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Latency of token verification under 200 concurrent connections: a Reactor Netty server with two
 * event-loop threads verifies each request's bearer token with the reactive decoders on its event
 * loop, as a WebFlux resource server does, and answers the subject. 200 users, each with their own
 * token, send their requests one after another on their own connection. Variants, alternating, in
 * the same run: Supabase ES256 with verified tokens kept (the default), Supabase ES256 with nothing
 * kept (every request verified, as before 0.2.0), Supabase ES256 with a new token on every request
 * (every token first seen), and Clerk RS256.
 * <p>
 * Run: {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
 * io.saasstack.benchmarks.TokenLoadCheck [requests per connection] [rounds]}
 */
public final class TokenLoadCheck {

	private static final int CONNECTIONS = 200;

	/** More than the 4,096 verified tokens kept by default, so that a token comes back evicted. */
	private static final int FIRST_SEEN_TOKENS = 20_000;

	private static final String SUPABASE_URL = "https://bench.supabase.test";

	private TokenLoadCheck() {
	}

	public static void main(String[] args) throws Exception {
		int perConnection = (args.length > 0) ? Integer.parseInt(args[0]) : 50;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 2;
		ECKey ecKey = new ECKeyGenerator(Curve.P_256).keyID("es_load").keyUse(KeyUse.SIGNATURE).generate();
		RSAKey rsaKey = new RSAKeyGenerator(2048).keyID("ins_load").keyUse(KeyUse.SIGNATURE).generate();
		try (StubJwks clerkApi = new StubJwks(new JWKSet(rsaKey.toPublicJWK()).toString())) {
			JWKSet supabaseKeys = new JWKSet(ecKey.toPublicJWK());
			Map<String, Variant> variants = new LinkedHashMap<>();
			String[] supabaseTokens = tokens(CONNECTIONS, new ECDSASigner(ecKey), JWSAlgorithm.ES256, "es_load",
					TokenLoadCheck::supabaseClaims);
			variants.put("Supabase ES256, verified tokens kept",
					new Variant("kept", supabase(clerkApi, supabaseKeys, SupabaseJwtVerifier.DEFAULT_VERIFIED_TOKENS),
							supabaseTokens, false));
			variants.put("Supabase ES256, nothing kept",
					new Variant("unkept", supabase(clerkApi, supabaseKeys, 0), supabaseTokens, false));
			variants.put("Supabase ES256, every token new",
					new Variant("new", supabase(clerkApi, supabaseKeys, SupabaseJwtVerifier.DEFAULT_VERIFIED_TOKENS),
							tokens(FIRST_SEEN_TOKENS, new ECDSASigner(ecKey), JWSAlgorithm.ES256, "es_load",
									TokenLoadCheck::supabaseClaims),
							true));
			variants.put("Clerk RS256", new Variant("clerk", clerk(clerkApi), tokens(CONNECTIONS, new RSASSASigner(rsaKey),
					JWSAlgorithm.RS256, "ins_load", TokenLoadCheck::clerkClaims), false));
			LoopResources serverLoops = LoopResources.create("verify", 2, true);
			LoopResources clientLoops = LoopResources.create("load", 2, true);
			ConnectionProvider connections = ConnectionProvider.builder("load")
				.maxConnections(CONNECTIONS)
				.pendingAcquireMaxCount(-1)
				.build();
			DisposableServer server = server(variants, serverLoops);
			HttpClient client = HttpClient.create(connections).runOn(clientLoops).baseUrl("http://127.0.0.1:" + server.port());
			try {
				System.out.printf("%d connections x %d requests, server on 2 event-loop threads, %d alternating rounds%n",
						CONNECTIONS, perConnection, rounds);
				load(client, "warm-up", variants, perConnection / 5 + 1, false);
				for (int round = 1; round <= rounds; round++) {
					load(client, "round " + round, variants, perConnection, true);
				}
			}
			finally {
				server.disposeNow();
				connections.disposeLater().block();
				serverLoops.disposeLater().block();
				clientLoops.disposeLater().block();
			}
		}
	}

	private static void load(HttpClient client, String label, Map<String, Variant> variants, int perConnection,
			boolean print) {
		for (Map.Entry<String, Variant> variant : variants.entrySet()) {
			long start = System.nanoTime();
			long[] latencies = latencies(client, variant.getKey(), variant.getValue(), perConnection);
			long elapsed = System.nanoTime() - start;
			if (print) {
				Arrays.sort(latencies);
				System.out.printf("%-8s %-38s p50 %,7.1f ms  p99 %,8.1f ms  max %,8.1f ms  %,7.0f requests/s%n", label,
						variant.getKey(), millis(latencies, 0.50), millis(latencies, 0.99),
						latencies[latencies.length - 1] / 1e6, latencies.length / (elapsed / 1e9));
			}
		}
	}

	private static long[] latencies(HttpClient client, String name, Variant variant, int perConnection) {
		String path = "/" + variant.path();
		List<Long> all = Flux.range(0, CONNECTIONS)
			.flatMap((user) -> Flux.range(0, perConnection)
				.concatMap((request) -> call(client, path, variant.token(user))), CONNECTIONS)
			.collectList()
			.block(Duration.ofMinutes(10));
		return all.stream().mapToLong(Long::longValue).toArray();
	}

	private static Mono<Long> call(HttpClient client, String path, String token) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return client.headers((headers) -> headers.set("Authorization", "Bearer " + token))
				.get()
				.uri(path)
				.responseSingle((response, body) -> body.asString().defaultIfEmpty("").map((subject) -> {
					if (response.status().code() != 200) {
						throw new IllegalStateException("The server answered " + response.status() + " on " + path);
					}
					return System.nanoTime() - start;
				}));
		});
	}

	private static DisposableServer server(Map<String, Variant> variants, LoopResources loops) {
		Map<String, ReactiveJwtDecoder> byPath = new LinkedHashMap<>();
		variants.values().forEach((variant) -> byPath.put(variant.path(), variant.decoder()));
		return HttpServer.create().host("127.0.0.1").port(0).runOn(loops).handle((request, response) -> {
			ReactiveJwtDecoder decoder = byPath.get(request.path());
			String authorization = request.requestHeaders().get("Authorization");
			if (decoder == null || authorization == null) {
				return response.status(404).send();
			}
			return decoder.decode(authorization.substring("Bearer ".length()))
				.flatMap((jwt) -> response.sendString(Mono.just(jwt.getSubject())).then())
				.onErrorResume(JwtException.class, (ex) -> response.status(401).send());
		}).bindNow();
	}

	private static double millis(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}

	private static ReactiveJwtDecoder supabase(StubJwks stub, JWKSet keys, int verifiedTokens) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(stub.baseUrl())) {
		};
		return new ReactiveSupabaseJwtDecoder(SupabaseJwtVerifier
			.builder(SupabaseHttpClients.httpClient(SaasHttpClientFactory.standalone(), properties, null),
					URI.create(SUPABASE_URL))
			.publicKeys(keys)
			.verifiedTokens(verifiedTokens, SupabaseJwtVerifier.DEFAULT_VERIFIED_TOKENS_TIME_TO_LIVE)
			.build());
	}

	private static ReactiveJwtDecoder clerk(StubJwks stub) {
		return new ReactiveClerkJwtDecoder(AuthVerificationBenchmark.clerkVerifier(stub));
	}

	private static JWTClaimsSet supabaseClaims(int user) {
		return new JWTClaimsSet.Builder().issuer(SUPABASE_URL + "/auth/v1")
			.subject(String.format("9b2f1a4e-6c1d-4e3b-8f5a-%012d", user))
			.audience("authenticated")
			.claim("role", "authenticated")
			.claim("session_id", "s" + user)
			.issueTime(new Date())
			.expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
			.build();
	}

	private static JWTClaimsSet clerkClaims(int user) {
		return new JWTClaimsSet.Builder().issuer("https://clerk.example.test")
			.subject("user_" + user)
			.claim("sid", "sess_" + user)
			.claim("azp", "https://app.example.test")
			.claim("v", 2)
			.issueTime(new Date())
			.notBeforeTime(new Date())
			.expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
			.build();
	}

	private static String[] tokens(int count, JWSSigner signer, JWSAlgorithm algorithm, String keyId,
			IntFunction<JWTClaimsSet> claims) throws Exception {
		List<String> tokens = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims.apply(i));
			jwt.sign(signer);
			tokens.add(jwt.serialize());
		}
		return tokens.toArray(String[]::new);
	}

	/**
	 * A decoder and the tokens its users send: one per user, or a new one per request (cycling through
	 * more tokens than the decoder keeps, so that each is a first sight).
	 */
	private record Variant(String path, ReactiveJwtDecoder decoder, String[] tokens, boolean newTokenPerRequest,
			AtomicInteger next) {

		Variant(String path, ReactiveJwtDecoder decoder, String[] tokens, boolean newTokenPerRequest) {
			this(path, decoder, tokens, newTokenPerRequest, new AtomicInteger());
		}

		String token(int user) {
			return this.newTokenPerRequest ? this.tokens[Math.floorMod(this.next.getAndIncrement(), this.tokens.length)]
					: this.tokens[user];
		}

	}

}
