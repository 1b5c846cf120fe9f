package io.saasstack.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.auth.clerk.ClerkJwks;
import io.saasstack.auth.clerk.ClerkJwtDecoder;
import io.saasstack.auth.clerk.ClerkTokenVerifier;
import io.saasstack.auth.supabase.SupabaseHttpClients;
import io.saasstack.auth.supabase.SupabaseJwtDecoder;
import io.saasstack.auth.supabase.SupabaseJwtVerifier;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifications per second of a Clerk session token with warm keys: saas-stack's
 * {@link ClerkJwtDecoder} (key set from a loopback Backend API, every Clerk rule) against a bare
 * {@link NimbusJwtDecoder} with the public key (signature and timestamps only), same token, same
 * run; and saas-stack's {@link SupabaseJwtDecoder} (configured public key, every Supabase rule) on
 * a Supabase access token signed with the same key, every verification done again (no kept
 * verified tokens). Then Supabase's own algorithm, ES256: a bare {@link NimbusJwtDecoder} with the
 * EC key against {@link SupabaseJwtDecoder} on a token sent again (kept verified tokens), on a
 * token seen for the first time (50,000 distinct tokens cycled through the 4,096 kept), and with
 * nothing kept (every verification done again, as before 0.2.0). {@link #main} counts the key-set
 * requests during 100,000 verifications, then measures the CPU time of each decoder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AuthVerificationBenchmark {

	private StubJwks stub;

	private JwtDecoder ours;

	private JwtDecoder bare;

	private String token;

	private JwtDecoder supabase;

	private String supabaseToken;

	private JwtDecoder bareEs256;

	private JwtDecoder supabaseEs256;

	private JwtDecoder supabaseEs256Unkept;

	private String es256Token;

	private String[] firstSeenEs256Tokens;

	private int nextFirstSeen;

	@Setup
	public void setUp() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("ins_bench").keyUse(KeyUse.SIGNATURE).generate();
		this.stub = new StubJwks(new JWKSet(key.toPublicJWK()).toString());
		this.ours = clerkDecoder(this.stub);
		this.bare = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://clerk.example.test")
			.subject("user_2abc")
			.claim("sid", "sess_1")
			.claim("azp", "https://app.example.test")
			.claim("v", 2)
			.issueTime(new Date())
			.notBeforeTime(new Date())
			.expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ins_bench").build(), claims);
		jwt.sign(new RSASSASigner(key));
		this.token = jwt.serialize();
		this.ours.decode(this.token);
		this.bare.decode(this.token);
		this.supabase = supabaseDecoder(this.stub, new JWKSet(key.toPublicJWK()), 0);
		JWTClaimsSet supabaseClaims = new JWTClaimsSet.Builder().issuer(SUPABASE_URL + "/auth/v1")
			.subject("9b2f1a4e-6c1d-4e3b-8f5a-2d7c9e0b1a34")
			.audience("authenticated")
			.claim("role", "authenticated")
			.issueTime(new Date())
			.expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
			.build();
		SignedJWT supabaseJwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ins_bench").build(),
				supabaseClaims);
		supabaseJwt.sign(new RSASSASigner(key));
		this.supabaseToken = supabaseJwt.serialize();
		this.supabase.decode(this.supabaseToken);
		setUpEs256(supabaseClaims);
	}

	private void setUpEs256(JWTClaimsSet claims) throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).keyID("es_bench").keyUse(KeyUse.SIGNATURE).generate();
		JWKSet keys = new JWKSet(key.toPublicJWK());
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys)));
		this.bareEs256 = new NimbusJwtDecoder(processor);
		this.supabaseEs256 = supabaseDecoder(this.stub, keys, SupabaseJwtVerifier.DEFAULT_VERIFIED_TOKENS);
		this.supabaseEs256Unkept = supabaseDecoder(this.stub, keys, 0);
		ECDSASigner signer = new ECDSASigner(key);
		this.es256Token = es256(signer, claims);
		this.firstSeenEs256Tokens = new String[FIRST_SEEN_TOKENS];
		for (int i = 0; i < FIRST_SEEN_TOKENS; i++) {
			this.firstSeenEs256Tokens[i] = es256(signer,
					new JWTClaimsSet.Builder(claims).claim("session_id", "s" + i).build());
		}
		this.bareEs256.decode(this.es256Token);
		this.supabaseEs256.decode(this.es256Token);
		this.supabaseEs256Unkept.decode(this.es256Token);
	}

	private static final int FIRST_SEEN_TOKENS = 50_000;

	private static String es256(ECDSASigner signer, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("es_bench").build(), claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static final String SUPABASE_URL = "https://bench.supabase.test";

	/**
	 * Supabase's decoder with the key given up front: the key set is never fetched; keeping up to
	 * {@code verifiedTokens} verified tokens.
	 */
	static JwtDecoder supabaseDecoder(StubJwks stub, JWKSet keys, int verifiedTokens) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(stub.baseUrl())) {
		};
		return new SupabaseJwtDecoder(SupabaseJwtVerifier
			.builder(SupabaseHttpClients.httpClient(SaasHttpClientFactory.standalone(), properties, null),
					URI.create(SUPABASE_URL))
			.publicKeys(keys)
			.verifiedTokens(verifiedTokens, SupabaseJwtVerifier.DEFAULT_VERIFIED_TOKENS_TIME_TO_LIVE)
			.build());
	}

	static JwtDecoder clerkDecoder(StubJwks stub) {
		return new ClerkJwtDecoder(clerkVerifier(stub));
	}

	/** Clerk's verifier with the key set from the stub's Backend API. */
	static ClerkTokenVerifier clerkVerifier(StubJwks stub) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(stub.baseUrl())) {
		};
		ClerkJwks jwks = new ClerkJwks(ClerkJwks.httpClient(SaasHttpClientFactory.standalone(), properties,
				"sk_test_benchmark"), "sk_test_benchmark");
		return ClerkTokenVerifier.withJwks(jwks)
			.issuer("https://clerk.example.test")
			.authorizedParties(java.util.List.of("https://app.example.test"))
			.build();
	}

	@TearDown
	public void tearDown() {
		this.stub.close();
	}

	@Benchmark
	public Jwt saasStack() {
		return this.ours.decode(this.token);
	}

	@Benchmark
	public Jwt bareNimbus() {
		return this.bare.decode(this.token);
	}

	@Benchmark
	public Jwt supabase() {
		return this.supabase.decode(this.supabaseToken);
	}

	@Benchmark
	public Jwt bareNimbusEs256() {
		return this.bareEs256.decode(this.es256Token);
	}

	@Benchmark
	public Jwt supabaseEs256SentAgain() {
		return this.supabaseEs256.decode(this.es256Token);
	}

	@Benchmark
	public Jwt supabaseEs256FirstSeen() {
		String token = this.firstSeenEs256Tokens[this.nextFirstSeen];
		this.nextFirstSeen = (this.nextFirstSeen + 1) % FIRST_SEEN_TOKENS;
		return this.supabaseEs256.decode(token);
	}

	@Benchmark
	public Jwt supabaseEs256NothingKept() {
		return this.supabaseEs256Unkept.decode(this.es256Token);
	}

	/**
	 * 100,000 verifications of fresh tokens and the key-set requests they caused; then the CPU
	 * time of the calling thread per verification of both decoders, in alternating rounds, which
	 * time-sharing with other processes does not count (unlike the throughput of a busy machine).
	 */
	public static void main(String[] args) throws Exception {
		AuthVerificationBenchmark state = new AuthVerificationBenchmark();
		state.setUp();
		long before = state.stub.requests();
		long start = System.nanoTime();
		for (int i = 0; i < 100_000; i++) {
			state.ours.decode(state.token);
		}
		long elapsedMs = (System.nanoTime() - start) / 1_000_000;
		System.out.printf("100,000 verifications in %,d ms; key-set requests: %d (1 during setup, %d during the run)%n",
				elapsedMs, state.stub.requests(), state.stub.requests() - before);
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 40;
		Map<String, Supplier<Jwt>> decoders = new LinkedHashMap<>();
		decoders.put("bare Nimbus RS256", () -> state.bareNimbus());
		decoders.put("Clerk RS256", () -> state.saasStack());
		decoders.put("Supabase RS256, nothing kept", () -> state.supabase());
		decoders.put("bare Nimbus ES256", () -> state.bareNimbusEs256());
		decoders.put("Supabase ES256, sent again", () -> state.supabaseEs256SentAgain());
		decoders.put("Supabase ES256, first seen", () -> state.supabaseEs256FirstSeen());
		decoders.put("Supabase ES256, nothing kept", () -> state.supabaseEs256NothingKept());
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, long[]> nanos = new LinkedHashMap<>();
		decoders.keySet().forEach((name) -> nanos.put(name, new long[rounds]));
		for (int round = -5; round < rounds; round++) {
			for (Map.Entry<String, Supplier<Jwt>> decoder : decoders.entrySet()) {
				long perVerification = cpuNanosPerVerification(threads, decoder.getValue());
				if (round >= 0) {
					nanos.get(decoder.getKey())[round] = perVerification;
				}
			}
		}
		System.out.printf("CPU time per verification, median of %d alternating rounds of %,d:%n", rounds, ROUND);
		long rs256 = median(nanos.get("bare Nimbus RS256"));
		long es256 = median(nanos.get("bare Nimbus ES256"));
		nanos.forEach((name, values) -> {
			long baseline = name.contains("ES256") ? es256 : rs256;
			System.out.printf("  %-30s %,9d ns   %.2f x the bare decoder's speed%n", name, median(values),
					(double) baseline / median(values));
		});
		state.tearDown();
	}

	private static final int ROUND = 2_000;

	private static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static long cpuNanosPerVerification(ThreadMXBean threads, Supplier<Jwt> decoder) {
		long start = threads.getCurrentThreadCpuTime();
		int subjects = 0;
		for (int i = 0; i < ROUND; i++) {
			subjects += decoder.get().getSubject().length();
		}
		long nanos = threads.getCurrentThreadCpuTime() - start;
		if (subjects == 0) {
			throw new IllegalStateException("no subject");
		}
		return nanos / ROUND;
	}

}
