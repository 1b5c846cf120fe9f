package io.saasstack.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
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
 * a Supabase access token signed with the same key. {@link #main} counts the key-set requests
 * during 100,000 verifications, then measures the CPU time of each decoder.
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
		this.supabase = supabaseDecoder(this.stub, new JWKSet(key.toPublicJWK()));
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
	}

	private static final String SUPABASE_URL = "https://bench.supabase.test";

	/** Supabase's decoder with the key given up front: the key set is never fetched. */
	static JwtDecoder supabaseDecoder(StubJwks stub, JWKSet keys) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(stub.baseUrl())) {
		};
		return new SupabaseJwtDecoder(SupabaseJwtVerifier
			.builder(SupabaseHttpClients.httpClient(SaasHttpClientFactory.standalone(), properties, null),
					URI.create(SUPABASE_URL))
			.publicKeys(keys)
			.build());
	}

	static JwtDecoder clerkDecoder(StubJwks stub) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(stub.baseUrl())) {
		};
		ClerkJwks jwks = new ClerkJwks(ClerkJwks.httpClient(SaasHttpClientFactory.standalone(), properties,
				"sk_test_benchmark"), "sk_test_benchmark");
		return new ClerkJwtDecoder(ClerkTokenVerifier.withJwks(jwks)
			.issuer("https://clerk.example.test")
			.authorizedParties(java.util.List.of("https://app.example.test"))
			.build());
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
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long[] bare = new long[rounds];
		long[] ours = new long[rounds];
		long[] supabase = new long[rounds];
		for (int round = -5; round < rounds; round++) {
			long bareNanos = cpuNanosPerVerification(threads, state.bare, state.token);
			long ourNanos = cpuNanosPerVerification(threads, state.ours, state.token);
			long supabaseNanos = cpuNanosPerVerification(threads, state.supabase, state.supabaseToken);
			if (round >= 0) {
				bare[round] = bareNanos;
				ours[round] = ourNanos;
				supabase[round] = supabaseNanos;
			}
		}
		long bareMedian = median(bare);
		System.out.printf("CPU time per verification, median of %d alternating rounds of %,d: bare Nimbus %,d ns, "
				+ "Clerk %,d ns (ratio %.2f), Supabase %,d ns (ratio %.2f)%n", rounds, ROUND, bareMedian, median(ours),
				(double) bareMedian / median(ours), median(supabase), (double) bareMedian / median(supabase));
		state.tearDown();
	}

	private static final int ROUND = 2_000;

	private static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static long cpuNanosPerVerification(ThreadMXBean threads, JwtDecoder decoder, String token) {
		long start = threads.getCurrentThreadCpuTime();
		int subjects = 0;
		for (int i = 0; i < ROUND; i++) {
			subjects += decoder.decode(token).getSubject().length();
		}
		long nanos = threads.getCurrentThreadCpuTime() - start;
		if (subjects == 0) {
			throw new IllegalStateException("no subject");
		}
		return nanos / ROUND;
	}

}
