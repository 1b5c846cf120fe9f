package io.saasstack.media;

/**
 * What an {@code <img>} needs for responsive images: a fallback {@code src}, the {@code srcset}
 * of one URL per width and the {@code sizes} hint.
 *
 * @param src URL of the largest width, for browsers without srcset
 * @param srcset {@code "<url> 320w, <url> 640w, ..."}
 * @param sizes the sizes attribute, for example {@code "(max-width: 600px) 100vw, 600px"}
 * @since 0.1.0
 */
public record ResponsiveImage(String src, String srcset, String sizes) {

	/** The attributes as HTML: {@code src="..." srcset="..." sizes="..."}, HTML-escaped. */
	public String attributes() {
		return "src=\"" + escape(this.src) + "\" srcset=\"" + escape(this.srcset) + "\" sizes=\"" + escape(this.sizes)
				+ "\"";
	}

	private static String escape(String value) {
		return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
