package io.saasstack.benchmarks;

import java.util.concurrent.TimeUnit;

import com.cloudinary.Cloudinary;
import io.saasstack.media.Crop;
import io.saasstack.media.Format;
import io.saasstack.media.Gravity;
import io.saasstack.media.Quality;
import io.saasstack.media.Transformation;
import io.saasstack.media.cloudinary.CloudinaryUrlSettings;
import io.saasstack.media.cloudinary.CloudinaryUrls;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Delivery URL generation for a typical transformation (fill 400x300 around the automatic focus,
 * then automatic format and quality) and its signed variant: saas-stack's {@link CloudinaryUrls}
 * against the official Cloudinary Java SDK ({@code cloudinary-core} with its http5 adapter), in the same run. Run with
 * {@code -prof gc} for the allocation per URL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class MediaUrlBenchmark {

	private static final String PUBLIC_ID = "folder/sample.jpg";

	private CloudinaryUrls ours;

	private Transformation transformation;

	private Cloudinary sdk;

	@Setup
	public void setUp() {
		this.ours = new CloudinaryUrls(CloudinaryUrlSettings.of("demo", "123456789012345", "abcd-secret"));
		this.transformation = Transformation.create()
			.width(400)
			.height(300)
			.crop(Crop.FILL)
			.gravity(Gravity.AUTO)
			.then()
			.format(Format.AUTO)
			.quality(Quality.AUTO);
		this.sdk = new Cloudinary("cloudinary://123456789012345:abcd-secret@demo?analytics=false");
		// both sides must build the same URL, or the comparison is meaningless
		requireSame("unsigned", ours(), sdk());
		requireSame("signed", oursSigned(), sdkSigned());
	}

	private static void requireSame(String kind, String ourUrl, String sdkUrl) {
		if (!strip(ourUrl).equals(strip(sdkUrl))) {
			throw new IllegalStateException("Different " + kind + " URLs: " + ourUrl + " vs " + sdkUrl);
		}
	}

	// the SDK appends an analytics query; the URLs compared are otherwise identical
	private static String strip(String url) {
		int query = url.indexOf('?');
		return (query >= 0) ? url.substring(0, query) : url;
	}

	@Benchmark
	public String ours() {
		return this.ours.url(PUBLIC_ID, this.transformation);
	}

	/** Ours again, building the transformation on every call, as the SDK benchmark does. */
	@Benchmark
	public String oursBuildingTheTransformation() {
		return this.ours.url(PUBLIC_ID, Transformation.create()
			.width(400)
			.height(300)
			.crop(Crop.FILL)
			.gravity(Gravity.AUTO)
			.then()
			.format(Format.AUTO)
			.quality(Quality.AUTO));
	}

	@Benchmark
	public String sdk() {
		return this.sdk.url().transformation(sdkTransformation()).generate(PUBLIC_ID);
	}

	@Benchmark
	public String oursSigned() {
		return this.ours.signedUrl(PUBLIC_ID, this.transformation);
	}

	@Benchmark
	public String sdkSigned() {
		return this.sdk.url().transformation(sdkTransformation()).signed(true).generate(PUBLIC_ID);
	}

	@SuppressWarnings("rawtypes")
	private static com.cloudinary.Transformation sdkTransformation() {
		return new com.cloudinary.Transformation().width(400)
			.height(300)
			.crop("fill")
			.gravity("auto")
			.chain()
			.fetchFormat("auto")
			.quality("auto");
	}

}
