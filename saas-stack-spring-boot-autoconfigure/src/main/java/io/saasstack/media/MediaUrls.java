package io.saasstack.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;

/**
 * Delivery URLs of one provider, byte-identical to its official SDK. No network: URLs are
 * computed locally.
 *
 * @since 0.1.0
 */
public interface MediaUrls {

	/** Provider id: {@code imagekit} or {@code cloudinary}. */
	String provider();

	/** URL of the original asset. */
	default String url(String id) {
		return url(id, Transformation.create());
	}

	/**
	 * URL of a transformed asset.
	 * @param id Cloudinary public id or ImageKit file path (an absolute URL for remote sources)
	 * @param transformation what to do to the image
	 */
	String url(String id, Transformation transformation);

	/**
	 * Signed URL: the provider serves it only if the signature, computed with the private key,
	 * matches (required for private or authenticated assets, and against URL tampering).
	 * @param expiresIn lifetime of the URL, or null for a URL that does not expire (Cloudinary
	 * URL signatures never expire: a lifetime is rejected there)
	 */
	String signedUrl(String id, Transformation transformation, Duration expiresIn);

	/** Signed URL that does not expire. */
	String signedUrl(String id, Transformation transformation);

	/**
	 * Responsive image attributes: the transformation resized to each width ({@code then()}-chained
	 * after it, or merged into its last step when that step sets no width).
	 * @param widths the widths of the srcset, in pixels
	 * @param sizes the sizes attribute
	 */
	default ResponsiveImage responsive(String id, Transformation transformation, List<Integer> widths,
			String sizes) {
		Assert.notEmpty(widths, "widths must not be empty");
		List<Integer> sorted = new ArrayList<>(widths);
		sorted.sort(null);
		StringBuilder srcset = new StringBuilder();
		String largest = null;
		for (int width : sorted) {
			largest = url(id, withWidth(transformation, width));
			srcset.append((srcset.length() > 0) ? ", " : "").append(largest).append(' ').append(width).append('w');
		}
		return new ResponsiveImage(largest, srcset.toString(), sizes);
	}

	private static Transformation withWidth(Transformation transformation, int width) {
		List<Transformation.Step> steps = transformation.steps();
		Transformation.Step last = steps.get(steps.size() - 1);
		return (last.width() == null) ? transformation.width(width) : transformation.then().width(width);
	}

}
