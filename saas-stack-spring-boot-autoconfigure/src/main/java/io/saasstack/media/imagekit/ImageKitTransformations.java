package io.saasstack.media.imagekit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.saasstack.media.Crop;
import io.saasstack.media.Format;
import io.saasstack.media.Gravity;
import io.saasstack.media.Quality;
import io.saasstack.media.Transformation;
import org.jspecify.annotations.Nullable;

/**
 * Renders transformations in ImageKit syntax ({@code w-400,h-300,c-maintain_ratio:f-auto}), with
 * the parameter order of ImageKit's Java v3 SDK ({@code Helper.buildTransformationString}, reference
 * {@code media-imagekit.md} §2): parameters of a step are joined with {@code ,}, steps with
 * {@code :}, a step without parameters is left out and raw syntax comes last in its step.
 * <p>
 * The provider-neutral {@link Transformation} maps as follows:
 * <ul>
 * <li>width {@code w-}, height {@code h-}, quality {@code q-}, aspect ratio {@code ar-16-9} (ImageKit
 * separates the parts with {@code -}: {@code :} separates steps), dpr {@code dpr-}, radius
 * {@code r-} ({@code r-max} for the largest), background {@code bg-} (a leading {@code #} is
 * dropped), format {@code f-auto}, {@code f-webp}, ...;</li>
 * <li>{@link Quality#AUTO automatic quality} writes nothing: ImageKit has no {@code q-auto}, it
 * optimises the quality of every image by default (the dashboard's default quality);</li>
 * <li>crop: {@link Crop#FILL} {@code c-maintain_ratio}, {@link Crop#FIT} {@code c-at_max_enlarge},
 * {@link Crop#LIMIT} {@code c-at_max}, {@link Crop#SCALE} {@code c-force}, {@link Crop#PAD}
 * {@code cm-pad_resize}, {@link Crop#CROP} {@code cm-extract}; {@link Crop#THUMB} has no ImageKit
 * equivalent and is rejected;</li>
 * <li>gravity {@code fo-}: auto, face, center, top, top_right, right, bottom_right, bottom,
 * bottom_left, left, top_left; {@link Gravity#FACES} has no ImageKit equivalent and is
 * rejected;</li>
 * <li>blur: the neutral strength (1 to 2000, Cloudinary's scale) is divided by 20, rounded up, so
 * that both scales end together: 1-20 give {@code bl-1}, 100 (Cloudinary's default) gives
 * {@code bl-5}, 2000 gives {@code bl-100};</li>
 * <li>{@code raw("imagekit", ...)} is appended verbatim; raw syntax of other providers is
 * ignored.</li>
 * </ul>
 * <p>
 * {@link #of(List)} renders ImageKit's own options, as the SDKs name them, for what the neutral
 * model does not cover (overlays, effects, video).
 *
 * @since 0.1.0
 */
public final class ImageKitTransformations {

	/** Provider id of the raw syntax rendered here. */
	static final String PROVIDER = "imagekit";

	private static final Option[] OPTIONS = {
			new Option("width", "w-", Kind.VALUE), new Option("height", "h-", Kind.VALUE),
			new Option("quality", "q-", Kind.VALUE), new Option("aspectRatio", "ar-", Kind.VALUE),
			new Option("crop", "c-", Kind.NOT_EMPTY), new Option("cropMode", "cm-", Kind.NOT_EMPTY),
			new Option("focus", "fo-", Kind.VALUE), new Option("format", "f-", Kind.NOT_EMPTY),
			new Option("radius", "r-", Kind.VALUE), new Option("background", "bg-", Kind.VALUE),
			new Option("border", "b-", Kind.VALUE), new Option("colorReplace", "cr-", Kind.VALUE),
			new Option("defaultImage", "di-", Kind.PATH), new Option("dpr", "dpr-", Kind.VALUE),
			new Option("x", "x-", Kind.VALUE), new Option("y", "y-", Kind.VALUE),
			new Option("xCenter", "xc-", Kind.VALUE), new Option("yCenter", "yc-", Kind.VALUE),
			new Option("opacity", "o-", Kind.VALUE), new Option("zoom", "z-", Kind.VALUE),
			new Option("rotation", "rt-", Kind.VALUE), new Option("blur", "bl-", Kind.VALUE),
			new Option("named", "n-", Kind.VALUE), new Option("progressive", "pr-", Kind.VALUE),
			new Option("lossless", "lo-", Kind.VALUE), new Option("flip", "fl-", Kind.NOT_EMPTY),
			new Option("trim", "t-", Kind.TRUE_OR_NUMBER), new Option("metadata", "md-", Kind.VALUE),
			new Option("colorProfile", "cp-", Kind.VALUE), new Option("videoCodec", "vc-", Kind.NOT_EMPTY),
			new Option("audioCodec", "ac-", Kind.NOT_EMPTY), new Option("startOffset", "so-", Kind.VALUE),
			new Option("endOffset", "eo-", Kind.VALUE), new Option("duration", "du-", Kind.VALUE),
			new Option("streamingResolutions", "sr-", Kind.LIST),
			new Option("grayscale", "e-grayscale", Kind.FLAG), new Option("aiUpscale", "e-upscale", Kind.FLAG),
			new Option("aiRetouch", "e-retouch", Kind.FLAG), new Option("aiVariation", "e-genvar", Kind.FLAG),
			new Option("aiRemoveBackground", "e-bgremove", Kind.FLAG),
			new Option("aiRemoveBackgroundExternal", "e-removedotbg", Kind.FLAG),
			new Option("contrastStretch", "e-contrast", Kind.FLAG),
			new Option("aiDropShadow", "e-dropshadow", Kind.FLAG_OR_VALUE),
			new Option("aiChangeBackground", "e-changebg-", Kind.VALUE), new Option("aiEdit", "e-edit-", Kind.VALUE),
			new Option("shadow", "e-shadow", Kind.FLAG_OR_VALUE), new Option("sharpen", "e-sharpen", Kind.FLAG_OR_VALUE),
			new Option("unsharpMask", "e-usm", Kind.FLAG_OR_VALUE),
			new Option("gradient", "e-gradient", Kind.FLAG_OR_VALUE), new Option("colorize", "e-colorize-", Kind.VALUE),
			new Option("distort", "e-distort-", Kind.VALUE), new Option("original", "orig-true", Kind.FLAG),
			new Option("page", "pg-", Kind.VALUE), new Option("overlay", "", Kind.OVERLAY),
			new Option("raw", "", Kind.RAW) };

	private static final Option[] TEXT_OPTIONS = { new Option("width", "w-", Kind.VALUE),
			new Option("fontSize", "fs-", Kind.VALUE), new Option("fontFamily", "ff-", Kind.PATH),
			new Option("fontColor", "co-", Kind.VALUE), new Option("innerAlignment", "ia-", Kind.LOWER_CASE),
			new Option("padding", "pa-", Kind.VALUE), new Option("alpha", "al-", Kind.VALUE),
			new Option("typography", "tg-", Kind.VALUE), new Option("background", "bg-", Kind.VALUE),
			new Option("radius", "r-", Kind.VALUE), new Option("rotation", "rt-", Kind.VALUE),
			new Option("flip", "fl-", Kind.LOWER_CASE), new Option("lineHeight", "lh-", Kind.VALUE) };

	private static final Option[] SOLID_COLOR_OPTIONS = { new Option("width", "w-", Kind.VALUE),
			new Option("height", "h-", Kind.VALUE), new Option("alpha", "al-", Kind.VALUE),
			new Option("background", "bg-", Kind.VALUE), new Option("gradient", "e-gradient", Kind.FLAG_OR_VALUE),
			new Option("radius", "r-", Kind.VALUE) };

	private static final Option[] SUBTITLE_OPTIONS = { new Option("background", "bg-", Kind.VALUE),
			new Option("color", "co-", Kind.VALUE), new Option("fontSize", "fs-", Kind.VALUE),
			new Option("fontFamily", "ff-", Kind.VALUE), new Option("fontOutline", "fol-", Kind.VALUE),
			new Option("fontShadow", "fsh-", Kind.VALUE), new Option("typography", "tg-", Kind.VALUE) };

	private static final Option[] POSITION_OPTIONS = { new Option("x", "lx-", Kind.VALUE),
			new Option("y", "ly-", Kind.VALUE), new Option("xCenter", "lxc-", Kind.VALUE),
			new Option("yCenter", "lyc-", Kind.VALUE), new Option("anchorPoint", "lap-", Kind.LOWER_CASE),
			new Option("focus", "lfo-", Kind.LOWER_CASE) };

	private static final Option[] TIMING_OPTIONS = { new Option("start", "lso-", Kind.VALUE),
			new Option("end", "leo-", Kind.VALUE), new Option("duration", "ldu-", Kind.VALUE) };

	private static final List<String> OVERLAY_KEYS = List.of("type", "text", "input", "color", "encoding",
			"layerMode", "position", "timing", "transformation");

	private static final Map<String, Option> BY_NAME = new HashMap<>();

	static {
		for (Option option : OPTIONS) {
			BY_NAME.put(option.name(), option);
		}
	}

	private ImageKitTransformations() {
	}

	/** The transformation in ImageKit syntax, empty when it has no ImageKit parameter. */
	public static String of(Transformation transformation) {
		List<Transformation.Step> steps = transformation.steps();
		if (steps.size() == 1 && steps.get(0).isEmpty()) {
			return "";
		}
		StringBuilder sb = new StringBuilder(32);
		appendTo(sb, transformation);
		return sb.toString();
	}

	/**
	 * Appends the transformation in ImageKit syntax.
	 * @throws IllegalArgumentException for a crop or gravity ImageKit does not have
	 */
	static void appendTo(StringBuilder sb, Transformation transformation) {
		int start = sb.length();
		for (Transformation.Step step : transformation.steps()) {
			int stepStart = sb.length();
			if (stepStart > start) {
				sb.append(':');
			}
			int partsStart = sb.length();
			appendStep(sb, step, partsStart);
			if (sb.length() == partsStart) {
				sb.setLength(stepStart);
			}
		}
	}

	private static void appendStep(StringBuilder sb, Transformation.Step step, int partsStart) {
		if (step.width() != null) {
			part(sb, partsStart).append("w-").append(step.width().intValue());
		}
		if (step.height() != null) {
			part(sb, partsStart).append("h-").append(step.height().intValue());
		}
		Quality quality = step.quality();
		if (quality != null && quality.value() != null) {
			part(sb, partsStart).append("q-").append(quality.value().intValue());
		}
		String aspectRatio = step.aspectRatio();
		if (aspectRatio != null) {
			part(sb, partsStart).append("ar-").append(aspectRatio.replace(':', '-'));
		}
		if (step.crop() != null) {
			part(sb, partsStart).append(crop(step.crop()));
		}
		if (step.gravity() != null) {
			part(sb, partsStart).append("fo-").append(focus(step.gravity()));
		}
		if (step.format() != null) {
			part(sb, partsStart).append("f-").append(format(step.format()));
		}
		Integer radius = step.radius();
		if (radius != null) {
			part(sb, partsStart).append("r-");
			if (radius == Transformation.Step.MAX_RADIUS) {
				sb.append("max");
			}
			else {
				sb.append(radius.intValue());
			}
		}
		String background = step.background();
		if (background != null) {
			part(sb, partsStart).append("bg-").append(background, (background.charAt(0) == '#') ? 1 : 0,
					background.length());
		}
		if (step.dpr() != null) {
			appendNumber(part(sb, partsStart).append("dpr-"), step.dpr().doubleValue());
		}
		if (step.blur() != null) {
			part(sb, partsStart).append("bl-").append(blur(step.blur()));
		}
		String raw = step.raw(PROVIDER);
		if (raw != null) {
			part(sb, partsStart).append(raw);
		}
	}

	private static StringBuilder part(StringBuilder sb, int partsStart) {
		return (sb.length() > partsStart) ? sb.append(',') : sb;
	}

	private static String crop(Crop crop) {
		return switch (crop) {
			case FILL -> "c-maintain_ratio";
			case FIT -> "c-at_max_enlarge";
			case LIMIT -> "c-at_max";
			case SCALE -> "c-force";
			case PAD -> "cm-pad_resize";
			case CROP -> "cm-extract";
			case THUMB -> throw new IllegalArgumentException(
					"ImageKit has no thumbnail crop (Crop.THUMB): use Crop.FILL with Gravity.FACE "
							+ "(c-maintain_ratio,fo-face) instead");
		};
	}

	private static String focus(Gravity gravity) {
		return switch (gravity) {
			case AUTO -> "auto";
			case FACE -> "face";
			case CENTER -> "center";
			case NORTH -> "top";
			case NORTH_EAST -> "top_right";
			case EAST -> "right";
			case SOUTH_EAST -> "bottom_right";
			case SOUTH -> "bottom";
			case SOUTH_WEST -> "bottom_left";
			case WEST -> "left";
			case NORTH_WEST -> "top_left";
			case FACES -> throw new IllegalArgumentException(
					"ImageKit cannot focus on all faces (Gravity.FACES): use Gravity.FACE (fo-face, the largest face) "
							+ "or Gravity.AUTO (fo-auto) instead");
		};
	}

	private static String format(Format format) {
		return switch (format) {
			case AUTO -> "auto";
			case JPG -> "jpg";
			case PNG -> "png";
			case WEBP -> "webp";
			case AVIF -> "avif";
			case GIF -> "gif";
		};
	}

	/** ImageKit's blur (1-100) for a neutral strength (1-2000): a twentieth, rounded up. */
	static int blur(int strength) {
		return Math.max(1, Math.min(100, (strength + 19) / 20));
	}

	/**
	 * ImageKit options, as the official SDKs name them ({@code width}, {@code cropMode},
	 * {@code overlay}, {@code raw}, ...), in ImageKit syntax. Each step is a {@link Map} of options,
	 * rendered in the Java v3 SDK's order whatever the map's order, or a {@link CharSequence}
	 * taken as the step's raw syntax. Numbers with no fraction are written without one
	 * ({@code 300.0} as {@code 300}); booleans and strings as they are.
	 * <p>
	 * Overlays are maps with a {@code type} ({@code text}, {@code image}, {@code video},
	 * {@code subtitle}, {@code solidColor}), the {@code text}, {@code input} or {@code color},
	 * optional {@code encoding} ({@code auto}, {@code plain}, {@code base64}), {@code layerMode},
	 * {@code position} and {@code timing} maps and a {@code transformation} list.
	 * @param steps the steps, in order
	 * @return the transformation string, empty when no step has an option
	 * @throws IllegalArgumentException for an unknown option or a value of the wrong type
	 */
	public static String of(List<?> steps) {
		StringBuilder sb = new StringBuilder(32);
		for (Object step : steps) {
			int stepStart = sb.length();
			if (stepStart > 0) {
				sb.append(':');
			}
			int partsStart = sb.length();
			if (step instanceof Map<?, ?> options) {
				appendOptions(sb, options, partsStart);
			}
			else if (step instanceof CharSequence raw) {
				sb.append(raw);
			}
			else {
				throw new IllegalArgumentException("An ImageKit transformation step is a map of options or a raw "
						+ "string, not " + ((step != null) ? step.getClass().getName() : "null"));
			}
			if (sb.length() == partsStart) {
				sb.setLength(stepStart);
			}
		}
		return sb.toString();
	}

	private static void appendOptions(StringBuilder sb, Map<?, ?> options, int partsStart) {
		for (Object key : options.keySet()) {
			if (!BY_NAME.containsKey(key)) {
				throw new IllegalArgumentException("Unknown ImageKit transformation option '" + key
						+ "': use the SDK option names (width, cropMode, ...) or 'raw'");
			}
		}
		appendOptions(sb, options, OPTIONS, partsStart);
	}

	private static void appendOptions(StringBuilder sb, Map<?, ?> options, Option[] known, int partsStart) {
		for (Option option : known) {
			Object value = options.get(option.name());
			if (value != null) {
				appendOption(sb, option, value, partsStart);
			}
		}
	}

	private static void appendOption(StringBuilder sb, Option option, Object value, int partsStart) {
		switch (option.kind()) {
			case VALUE -> appendValue(part(sb, partsStart).append(option.prefix()), value);
			case NOT_EMPTY -> {
				String text = value.toString();
				if (!text.isEmpty()) {
					part(sb, partsStart).append(option.prefix()).append(text);
				}
			}
			case LOWER_CASE -> part(sb, partsStart).append(option.prefix())
				.append(value.toString().toLowerCase(Locale.ROOT));
			case PATH -> {
				String path = stripSlashes(value.toString());
				if (!path.isEmpty()) {
					part(sb, partsStart).append(option.prefix()).append(path.replace("/", "@@"));
				}
			}
			case TRUE_OR_NUMBER -> {
				if (isTrue(value)) {
					part(sb, partsStart).append(option.prefix()).append("true");
				}
				else if (value instanceof Number number) {
					appendValue(part(sb, partsStart).append(option.prefix()), number);
				}
			}
			case LIST -> {
				String joined = (value instanceof Collection<?> values) ? join(values) : value.toString();
				if (!joined.isEmpty()) {
					part(sb, partsStart).append(option.prefix()).append(joined);
				}
			}
			case FLAG -> {
				if (isTrue(value)) {
					part(sb, partsStart).append(option.prefix());
				}
			}
			case FLAG_OR_VALUE -> {
				if (isTrue(value)) {
					part(sb, partsStart).append(option.prefix());
				}
				else if (!isFalse(value)) {
					appendValue(part(sb, partsStart).append(option.prefix()).append('-'), value);
				}
			}
			case OVERLAY -> {
				String overlay = overlay(value);
				if (!overlay.isEmpty()) {
					part(sb, partsStart).append(overlay);
				}
			}
			case RAW -> {
				String raw = value.toString();
				if (!raw.isEmpty()) {
					part(sb, partsStart).append(raw);
				}
			}
		}
	}

	private static String overlay(Object value) {
		Map<?, ?> overlay = map(value, "overlay");
		for (Object key : overlay.keySet()) {
			if (!OVERLAY_KEYS.contains(key)) {
				throw new IllegalArgumentException("Unknown ImageKit overlay option '" + key + "'");
			}
		}
		Object type = overlay.get("type");
		String encoding = (overlay.get("encoding") != null)
				? overlay.get("encoding").toString().toLowerCase(Locale.ROOT) : "auto";
		StringBuilder sb = new StringBuilder();
		String transformation;
		if ("text".equals(type)) {
			String text = string(overlay.get("text"));
			if (text.isEmpty()) {
				return "";
			}
			sb.append("l-text,").append(textInput(text, encoding));
			transformation = nested(overlay.get("transformation"), TEXT_OPTIONS);
		}
		else if ("image".equals(type) || "video".equals(type) || "subtitle".equals(type)) {
			String input = string(overlay.get("input"));
			if (input.isEmpty()) {
				return "";
			}
			sb.append("subtitle".equals(type) ? "l-subtitles" : "l-" + type).append(',')
				.append(pathInput(input, encoding));
			transformation = "subtitle".equals(type) ? nested(overlay.get("transformation"), SUBTITLE_OPTIONS)
					: of(list(overlay.get("transformation")));
		}
		else if ("solidColor".equals(type)) {
			String color = string(overlay.get("color"));
			if (color.isEmpty()) {
				return "";
			}
			sb.append("l-image,i-ik_canvas,bg-").append(color);
			transformation = nested(overlay.get("transformation"), SOLID_COLOR_OPTIONS);
		}
		else {
			throw new IllegalArgumentException("Unknown ImageKit overlay type '" + type
					+ "': use text, image, video, subtitle or solidColor");
		}
		Object layerMode = overlay.get("layerMode");
		if (layerMode != null && !layerMode.toString().isEmpty()) {
			sb.append(",lm-").append(layerMode.toString().toLowerCase(Locale.ROOT));
		}
		int partsStart = 0;
		if (overlay.get("position") != null) {
			appendOptions(sb, checked(map(overlay.get("position"), "position"), POSITION_OPTIONS), POSITION_OPTIONS,
					partsStart);
		}
		if (overlay.get("timing") != null) {
			appendOptions(sb, checked(map(overlay.get("timing"), "timing"), TIMING_OPTIONS), TIMING_OPTIONS,
					partsStart);
		}
		if (!transformation.isEmpty()) {
			sb.append(',').append(transformation);
		}
		return sb.append(",l-end").toString();
	}

	/** The entries of every map of a layer's transformation list, joined with commas. */
	private static String nested(@Nullable Object transformation, Option[] known) {
		StringBuilder sb = new StringBuilder();
		for (Object step : list(transformation)) {
			appendOptions(sb, checked(map(step, "overlay transformation"), known), known, 0);
		}
		return sb.toString();
	}

	private static Map<?, ?> checked(Map<?, ?> options, Option[] known) {
		for (Object key : options.keySet()) {
			boolean found = false;
			for (Option option : known) {
				found |= option.name().equals(key);
			}
			if (!found) {
				throw new IllegalArgumentException("Unknown ImageKit overlay option '" + key + "'");
			}
		}
		return options;
	}

	private static String pathInput(String input, String encoding) {
		String path = stripSlashes(input);
		if ("base64".equals(encoding) || (!"plain".equals(encoding) && !isSimple(path, true))) {
			return "ie-" + base64(path);
		}
		return "i-" + path.replace("/", "@@");
	}

	private static String textInput(String text, String encoding) {
		if ("base64".equals(encoding) || (!"plain".equals(encoding) && !isSimple(text, false))) {
			return "ie-" + base64(text);
		}
		StringBuilder sb = new StringBuilder(text.length() + 8).append("i-");
		ImageKitPaths.appendEncoded(sb, text, 0, text.length(), false);
		return sb.toString();
	}

	/** Whether the text matches {@code ^[a-zA-Z0-9-._ ]*$} (with {@code /} for paths). */
	private static boolean isSimple(String text, boolean path) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean simple = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == ' ' || (path && c == '/');
			if (!simple) {
				return false;
			}
		}
		return true;
	}

	private static String base64(String text) {
		String encoded = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
		return URLEncoder.encode(encoded, StandardCharsets.UTF_8);
	}

	/** Drops one leading and one trailing slash, as the SDK does for paths. */
	private static String stripSlashes(String path) {
		int start = path.startsWith("/") ? 1 : 0;
		int end = (path.length() > start && path.endsWith("/")) ? path.length() - 1 : path.length();
		return path.substring(start, end);
	}

	private static void appendValue(StringBuilder sb, Object value) {
		if (value instanceof Number number) {
			appendNumber(sb, number);
		}
		else {
			sb.append(value);
		}
	}

	private static void appendNumber(StringBuilder sb, Number number) {
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
				|| number instanceof BigInteger) {
			sb.append(number);
		}
		else {
			appendNumber(sb, (number instanceof BigDecimal decimal) ? decimal.doubleValue() : number.doubleValue());
		}
	}

	/** Integral values without a fraction ({@code 2}), others as {@link Double#toString(double)}. */
	static void appendNumber(StringBuilder sb, double value) {
		long integral = (long) value;
		if (value == integral) {
			sb.append(integral);
		}
		else {
			sb.append(value);
		}
	}

	private static boolean isTrue(Object value) {
		return Boolean.TRUE.equals(value) || "true".equals(value);
	}

	private static boolean isFalse(Object value) {
		return Boolean.FALSE.equals(value) || "false".equals(value);
	}

	private static String join(Collection<?> values) {
		StringBuilder sb = new StringBuilder();
		for (Object value : values) {
			if (sb.length() > 0) {
				sb.append('_');
			}
			appendValue(sb, value);
		}
		return sb.toString();
	}

	private static String string(@Nullable Object value) {
		return (value != null) ? value.toString() : "";
	}

	private static Map<?, ?> map(@Nullable Object value, String name) {
		if (value instanceof Map<?, ?> map) {
			return map;
		}
		throw new IllegalArgumentException("The ImageKit " + name + " must be a map of options");
	}

	private static List<?> list(@Nullable Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> list) {
			return list;
		}
		throw new IllegalArgumentException("An ImageKit transformation must be a list of steps");
	}

	private enum Kind {

		/** {@code prefix + value}. */
		VALUE,

		/** {@code prefix + value}, left out when the value is empty. */
		NOT_EMPTY,

		/** {@code prefix + value} in lower case. */
		LOWER_CASE,

		/** A file path: outer slashes dropped, inner ones written {@code @@}. */
		PATH,

		/** {@code prefix + "true"} for true, {@code prefix + number} for a number. */
		TRUE_OR_NUMBER,

		/** Values joined with {@code _}. */
		LIST,

		/** The prefix alone when true. */
		FLAG,

		/** The prefix alone when true, {@code prefix + "-" + value} for another value. */
		FLAG_OR_VALUE,

		/** A layer. */
		OVERLAY,

		/** Verbatim. */
		RAW

	}

	private record Option(String name, String prefix, Kind kind) {
	}

}
