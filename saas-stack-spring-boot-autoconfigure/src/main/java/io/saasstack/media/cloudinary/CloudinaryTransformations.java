package io.saasstack.media.cloudinary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.saasstack.media.Crop;
import io.saasstack.media.Format;
import io.saasstack.media.Gravity;
import io.saasstack.media.Quality;
import io.saasstack.media.Transformation;
import org.jspecify.annotations.Nullable;

/**
 * Renders transformations in Cloudinary's URL syntax, byte-identical to
 * {@code com.cloudinary.Transformation#generate()} of the official Java SDK (reference
 * {@code media-cloudinary.md} §2): within a step, parameters sorted by their short key
 * ({@code ar, b, c, dpr, e, f, g, h, q, r, w}), the raw syntax last, joined with {@code ,};
 * steps joined with {@code /}; empty steps dropped.
 * <p>
 * Two inputs: the provider-neutral {@link Transformation}, and the SDK's own options (a list of
 * maps with the REST/Node snake_case names: {@code width}, {@code crop}, {@code fetch_format},
 * {@code raw_transformation}, {@code transformation} for named transformations, ...) for what the
 * neutral model does not cover.
 *
 * @since 0.1.0
 */
public final class CloudinaryTransformations {

	/** The provider id of {@link Transformation#raw(String, String)} syntax rendered here. */
	public static final String PROVIDER = "cloudinary";

	private static final String[] CROPS = names(Crop.values());

	private static final String[] GRAVITIES = names(Gravity.values());

	private static final String[] FORMATS = names(Format.values());

	// SDK Transformation.SIMPLE_PARAMS: emitted as they are, no expression normalization
	private static final String[][] SIMPLE_PARAMS = { { "ac", "audio_codec" }, { "af", "audio_frequency" },
			{ "bo", "border" }, { "br", "bit_rate" }, { "cs", "color_space" }, { "d", "default_image" },
			{ "dl", "delay" }, { "dn", "density" }, { "f", "fetch_format" }, { "fn", "custom_function" },
			{ "fps", "fps" }, { "g", "gravity" }, { "l", "overlay" }, { "p", "prefix" }, { "pg", "page" },
			{ "u", "underlay" }, { "vs", "video_sampling" }, { "sp", "streaming_profile" },
			{ "ki", "keyframe_interval" } };

	// SDK BaseExpression: operators (reverse-sorted, as the SDK builds its pattern) followed by ' ' or '_',
	// and predefined variables not preceded by '$'
	private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("=", "eq"), Map.entry("!=", "ne"),
			Map.entry("<", "lt"), Map.entry(">", "gt"), Map.entry("<=", "lte"), Map.entry(">=", "gte"),
			Map.entry("&&", "and"), Map.entry("||", "or"), Map.entry("*", "mul"), Map.entry("/", "div"),
			Map.entry("+", "add"), Map.entry("-", "sub"), Map.entry("^", "pow"));

	private static final Map<String, String> PREDEFINED_VARIABLES = Map.ofEntries(Map.entry("width", "w"),
			Map.entry("height", "h"), Map.entry("initialWidth", "iw"), Map.entry("initialHeight", "ih"),
			Map.entry("aspect_ratio", "ar"), Map.entry("initial_aspect_ratio", "iar"), Map.entry("aspectRatio", "ar"),
			Map.entry("initialAspectRatio", "iar"), Map.entry("page_count", "pc"), Map.entry("pageCount", "pc"),
			Map.entry("face_count", "fc"), Map.entry("faceCount", "fc"), Map.entry("current_page", "cp"),
			Map.entry("currentPage", "cp"), Map.entry("tags", "tags"), Map.entry("pageX", "px"),
			Map.entry("pageY", "py"), Map.entry("duration", "du"), Map.entry("initial_duration", "idu"),
			Map.entry("initialDuration", "idu"));

	private static final Pattern EXPRESSION = expressionPattern();

	private static final Pattern RANGE_VALUE = Pattern.compile("^((?:\\d+\\.)?\\d+)([%pP])?$");

	private static final Pattern RANGE = Pattern.compile("^(\\d+\\.)?\\d+[%pP]?\\.\\.(\\d+\\.)?\\d+[%pP]?$");

	private CloudinaryTransformations() {
	}

	/**
	 * The transformation in Cloudinary syntax, for example {@code c_fill,g_auto,h_300,w_400/f_auto,q_auto}.
	 * @return the syntax, empty for a transformation without parameters
	 */
	public static String render(Transformation transformation) {
		StringBuilder out = new StringBuilder(64);
		appendTo(out, transformation);
		return out.toString();
	}

	/** Appends the rendering of a neutral transformation: no leading or trailing slash. */
	static void appendTo(StringBuilder out, Transformation transformation) {
		List<Transformation.Step> steps = transformation.steps();
		boolean first = true;
		for (int i = 0, size = steps.size(); i < size; i++) {
			int before = out.length();
			if (!first) {
				out.append('/');
			}
			int start = out.length();
			appendStep(out, steps.get(i));
			if (out.length() == start) {
				out.setLength(before);
			}
			else {
				first = false;
			}
		}
	}

	private static void appendStep(StringBuilder out, Transformation.Step step) {
		int start = out.length();
		if (step.aspectRatio() != null) {
			out.append("ar_").append(step.aspectRatio());
		}
		if (step.background() != null) {
			separate(out, start).append("b_");
			appendColor(out, step.background());
		}
		if (step.crop() != null) {
			separate(out, start).append("c_").append(CROPS[step.crop().ordinal()]);
		}
		if (step.dpr() != null) {
			// the SDK takes a float: dpr(2.0f) gives dpr_2.0
			separate(out, start).append("dpr_").append(Float.toString(step.dpr().floatValue()));
		}
		if (step.blur() != null) {
			separate(out, start).append("e_blur:").append(step.blur().intValue());
		}
		if (step.format() != null) {
			separate(out, start).append("f_").append(FORMATS[step.format().ordinal()]);
		}
		if (step.gravity() != null) {
			separate(out, start).append("g_").append(GRAVITIES[step.gravity().ordinal()]);
		}
		if (step.height() != null) {
			separate(out, start).append("h_").append(step.height().intValue());
		}
		if (step.quality() != null) {
			appendQuality(separate(out, start).append("q_"), step.quality());
		}
		if (step.radius() != null) {
			int radius = step.radius();
			separate(out, start).append("r_");
			if (radius == Transformation.Step.MAX_RADIUS) {
				out.append("max");
			}
			else {
				out.append(radius);
			}
		}
		if (step.width() != null) {
			separate(out, start).append("w_").append(step.width().intValue());
		}
		if (!step.raw().isEmpty()) {
			String raw = step.raw(PROVIDER);
			if (raw != null) {
				separate(out, start).append(raw);
			}
		}
	}

	private static StringBuilder separate(StringBuilder out, int start) {
		return (out.length() > start) ? out.append(',') : out;
	}

	private static void appendQuality(StringBuilder out, Quality quality) {
		if (!quality.isAuto()) {
			out.append(quality.value().intValue());
			return;
		}
		out.append("auto");
		if (quality.autoLevel() != null) {
			out.append(':').append(quality.autoLevel());
		}
	}

	/**
	 * A colour as Cloudinary takes it: {@code #RRGGBB} becomes {@code rgb:RRGGBB} as in the SDK,
	 * and bare hex ({@code FF0000}, the neutral model's form) gets the {@code rgb:} prefix too;
	 * names and {@code rgb:} values are kept.
	 */
	static void appendColor(StringBuilder out, String color) {
		if (color.charAt(0) == '#') {
			out.append("rgb:").append(color, 1, color.length());
		}
		else if (isHex(color)) {
			out.append("rgb:").append(color);
		}
		else {
			out.append(color);
		}
	}

	private static boolean isHex(String value) {
		int length = value.length();
		if (length != 3 && length != 4 && length != 6 && length != 8) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (Character.digit(value.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The neutral transformation as SDK options, one map per step, so that options such as
	 * {@code use_fetch_format} can add parameters to its last step the way the SDK does.
	 */
	static List<Map<String, Object>> toOptions(Transformation transformation) {
		List<Map<String, Object>> components = new ArrayList<>();
		for (Transformation.Step step : transformation.steps()) {
			Map<String, Object> options = new LinkedHashMap<>();
			putIfSet(options, "aspect_ratio", step.aspectRatio());
			if (step.background() != null) {
				StringBuilder color = new StringBuilder();
				appendColor(color, step.background());
				options.put("background", color.toString());
			}
			putIfSet(options, "crop", (step.crop() != null) ? CROPS[step.crop().ordinal()] : null);
			putIfSet(options, "dpr", (step.dpr() != null) ? Float.toString(step.dpr().floatValue()) : null);
			putIfSet(options, "effect", (step.blur() != null) ? "blur:" + step.blur() : null);
			putIfSet(options, "fetch_format", (step.format() != null) ? FORMATS[step.format().ordinal()] : null);
			putIfSet(options, "gravity", (step.gravity() != null) ? GRAVITIES[step.gravity().ordinal()] : null);
			putIfSet(options, "height", step.height());
			if (step.quality() != null) {
				StringBuilder quality = new StringBuilder();
				appendQuality(quality, step.quality());
				options.put("quality", quality.toString());
			}
			if (step.radius() != null) {
				options.put("radius", (step.radius() == Transformation.Step.MAX_RADIUS) ? "max" : step.radius());
			}
			putIfSet(options, "width", step.width());
			putIfSet(options, "raw_transformation", step.raw(PROVIDER));
			components.add(options);
		}
		return components;
	}

	private static void putIfSet(Map<String, Object> options, String key, @Nullable Object value) {
		if (value != null) {
			options.put(key, value);
		}
	}

	/**
	 * SDK options in Cloudinary syntax, as {@code new com.cloudinary.Transformation(components).generate()}:
	 * one map of snake_case options per chained component. Supported: {@code angle},
	 * {@code aspect_ratio}, {@code background}, {@code border} (a string, or a map of
	 * {@code width} and {@code color}), {@code color}, {@code crop}, {@code default_image},
	 * {@code dpr}, {@code duration}, {@code effect}, {@code end_offset}, {@code fetch_format},
	 * {@code flags}, {@code gravity}, {@code height}, {@code if}, {@code offset}, {@code opacity},
	 * {@code overlay}, {@code quality}, {@code radius}, {@code raw_transformation},
	 * {@code responsive_width}, {@code size}, {@code start_offset}, {@code transformation} (named
	 * transformations, or nested maps), {@code underlay}, {@code video_codec}, {@code width},
	 * {@code x}, {@code y}, {@code zoom}, {@code $variables} and the SDK's other simple parameters.
	 * Expression values ({@code iw_div_2}, {@code initialWidth / 2}) are normalized as the SDK does.
	 * @param components the options of each component, in order
	 * @return the syntax, empty when no component has a parameter
	 */
	public static String render(List<? extends Map<String, ?>> components) {
		List<String> parts = new ArrayList<>(components.size());
		for (Map<String, ?> options : components) {
			if (!options.isEmpty()) {
				String component = component(options);
				if (!component.isEmpty()) {
					parts.add(component);
				}
			}
		}
		return String.join("/", parts);
	}

	private static String component(Map<String, ?> options) {
		boolean responsive = "true".equals(String.valueOf(options.get("responsive_width")));
		String width = asString(options.get("width"));
		String height = asString(options.get("height"));
		String size = asString(options.get("size"));
		if (size != null) {
			String[] dimensions = size.split("x");
			width = dimensions[0];
			height = dimensions[1];
		}
		List<String> transformations = new ArrayList<>();
		String named = null;
		List<?> bases = asList(options.get("transformation"));
		boolean allNamed = true;
		for (Object base : bases) {
			if (base instanceof Map) {
				allNamed = false;
				break;
			}
		}
		if (allNamed) {
			if (!bases.isEmpty()) {
				List<String> names = new ArrayList<>(bases.size());
				for (Object base : bases) {
					names.add(String.valueOf(base).replace(" ", "%20"));
				}
				named = String.join(".", names);
			}
		}
		else {
			for (Object base : bases) {
				Map<String, ?> baseOptions = (base instanceof Map<?, ?> map) ? stringKeys(map)
						: Map.of("transformation", String.valueOf(base));
				transformations.add(component(baseOptions));
			}
		}
		String startOffset = autoRangeValue(options.get("start_offset"));
		String endOffset = rangeValue(options.get("end_offset"));
		String[] offset = splitRange(options.get("offset"));
		if (offset != null) {
			startOffset = autoRangeValue(offset[0]);
			endOffset = rangeValue(offset[1]);
		}
		List<String> parts = new ArrayList<>();
		Object condition = options.get("if");
		if (condition != null) {
			parts.add("if_" + normalize(condition));
		}
		TreeSet<String> variables = new TreeSet<>();
		for (Map.Entry<String, ?> entry : options.entrySet()) {
			if (isVariable(entry.getKey())) {
				variables.add(entry.getKey() + "_" + entry.getValue());
			}
		}
		if (!variables.isEmpty()) {
			parts.add(String.join(",", variables));
		}
		TreeMap<String, @Nullable String> params = new TreeMap<>();
		params.put("a", normalize(joined(options.get("angle"), ".")));
		params.put("ar", normalize(options.get("aspect_ratio")));
		params.put("b", color(options.get("background")));
		params.put("c", asString(options.get("crop")));
		params.put("co", color(options.get("color")));
		params.put("dpr", normalize(asString(options.get("dpr"))));
		params.put("du", rangeValue(options.get("duration")));
		params.put("e", normalize(joined(options.get("effect"), ":")));
		params.put("eo", endOffset);
		params.put("fl", joined(options.get("flags"), "."));
		params.put("h", normalize(height));
		params.put("o", normalize(options.get("opacity")));
		params.put("q", normalize(options.get("quality")));
		params.put("r", normalize(joined(options.get("radius"), ":")));
		params.put("so", startOffset);
		params.put("t", named);
		params.put("vc", videoCodec(options.get("video_codec")));
		params.put("w", normalize(width));
		params.put("x", normalize(options.get("x")));
		params.put("y", normalize(options.get("y")));
		params.put("z", normalize(options.get("zoom")));
		for (String[] param : SIMPLE_PARAMS) {
			params.put(param[0], asString(options.get(param[1])));
		}
		params.put("bo", border(options.get("border")));
		for (Map.Entry<String, @Nullable String> param : params.entrySet()) {
			String value = param.getValue();
			if (value != null && !value.isBlank()) {
				parts.add(param.getKey() + "_" + value);
			}
		}
		Object raw = options.get("raw_transformation");
		if (raw != null) {
			parts.add(raw.toString());
		}
		if (!parts.isEmpty()) {
			transformations.add(String.join(",", parts));
		}
		if (responsive) {
			transformations.add("c_limit,w_auto");
		}
		return String.join("/", transformations);
	}

	private static Map<String, ?> stringKeys(Map<?, ?> map) {
		Map<String, Object> copy = new LinkedHashMap<>();
		map.forEach((key, value) -> copy.put(String.valueOf(key), value));
		return copy;
	}

	// SDK StringUtils.isVariable: $ then a letter, then letters and digits
	private static boolean isVariable(String key) {
		if (key.length() < 2 || key.charAt(0) != '$' || !Character.isLetter(key.charAt(1))) {
			return false;
		}
		for (int i = 2; i < key.length(); i++) {
			if (!Character.isLetterOrDigit(key.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable String color(@Nullable Object value) {
		String color = asString(value);
		return (color != null && color.startsWith("#")) ? "rgb:" + color.substring(1) : color;
	}

	// SDK border(width, color) and Node's border option map: <width>px_solid_<color>
	private static @Nullable String border(@Nullable Object value) {
		if (value instanceof Map<?, ?> border) {
			Object width = border.get("width");
			Object color = border.get("color");
			return ((width != null) ? width : 2) + "px_solid_" + color((color != null) ? color : "black");
		}
		return asString(value);
	}

	private static @Nullable String videoCodec(@Nullable Object value) {
		if (value instanceof Map<?, ?> codec) {
			StringBuilder out = new StringBuilder(String.valueOf(codec.get("codec")));
			if (codec.containsKey("profile")) {
				out.append(':').append(codec.get("profile"));
				if (codec.containsKey("level")) {
					out.append(':').append(codec.get("level"));
					if ("false".equals(String.valueOf(codec.get("b_frames")))) {
						out.append(":bframes_no");
					}
				}
			}
			return out.toString();
		}
		return asString(value);
	}

	private static @Nullable String asString(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static List<?> asList(@Nullable Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> list) {
			return list;
		}
		if (value instanceof Object[] array) {
			return Arrays.asList(array);
		}
		return List.of(value);
	}

	private static @Nullable String joined(@Nullable Object value, String separator) {
		if (value == null) {
			return null;
		}
		List<?> values = asList(value);
		StringBuilder out = new StringBuilder();
		for (Object element : values) {
			if (!out.isEmpty()) {
				out.append(separator);
			}
			out.append(element);
		}
		return out.toString();
	}

	private static String @Nullable [] splitRange(@Nullable Object range) {
		if (range instanceof List<?> list && list.size() >= 2) {
			return new String[] { String.valueOf(list.get(0)), String.valueOf(list.get(1)) };
		}
		if (range instanceof Object[] array && array.length >= 2) {
			return new String[] { String.valueOf(array[0]), String.valueOf(array[1]) };
		}
		if (range instanceof String text && RANGE.matcher(text).matches()) {
			return text.split("\\.\\.", 2);
		}
		return null;
	}

	private static @Nullable String rangeValue(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		if (text.isEmpty()) {
			return null;
		}
		Matcher matcher = RANGE_VALUE.matcher(text);
		if (!matcher.matches()) {
			return normalize(text);
		}
		return matcher.group(1) + ((matcher.group(2) != null) ? "p" : "");
	}

	private static @Nullable String autoRangeValue(@Nullable Object value) {
		return "auto".equals(value) ? "auto" : rangeValue(value);
	}

	/** SDK {@code Expression.normalize}: nice names and operators to their codes, spaces to {@code _}. */
	static @Nullable String normalize(@Nullable Object expression) {
		if (expression == null) {
			return null;
		}
		if (expression instanceof Number) {
			return expression.toString();
		}
		String text = mergeToSingleUnderscore(expression.toString());
		Matcher matcher = EXPRESSION.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		do {
			String found = matcher.group();
			String replacement = OPERATORS.get(found);
			if (replacement == null) {
				replacement = PREDEFINED_VARIABLES.getOrDefault(found, found);
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		while (matcher.find());
		matcher.appendTail(out);
		return out.toString();
	}

	private static String mergeToSingleUnderscore(String text) {
		if (text.indexOf(' ') < 0 && text.indexOf("__") < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		boolean merging = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == ' ' || c == '_') {
				if (!merging) {
					out.append('_');
				}
				merging = true;
			}
			else {
				merging = false;
				out.append(c);
			}
		}
		return out.toString();
	}

	private static Pattern expressionPattern() {
		List<String> operators = new ArrayList<>(OPERATORS.keySet());
		operators.sort(Comparator.reverseOrder());
		StringBuilder pattern = new StringBuilder("((");
		for (int i = 0; i < operators.size(); i++) {
			pattern.append((i > 0) ? "|" : "").append(Pattern.quote(operators.get(i)));
		}
		pattern.append(")(?=[ _])|(?<!\\$)(");
		// longest first, so that no variable is cut short by another one it starts with
		List<String> variables = new ArrayList<>(PREDEFINED_VARIABLES.keySet());
		variables.sort(Comparator.comparingInt(String::length).reversed());
		pattern.append(String.join("|", variables)).append("))");
		return Pattern.compile(pattern.toString());
	}

	private static String[] names(Enum<?>[] values) {
		String[] names = new String[values.length];
		for (int i = 0; i < values.length; i++) {
			names[i] = values[i].name().toLowerCase(Locale.ROOT);
		}
		return names;
	}

}
