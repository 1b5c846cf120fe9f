package io.saasstack.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.core.env.PropertyResolver;

/**
 * Startup checks of credential properties. Failures name the property and the expected shape,
 * never the value.
 *
 * @since 0.1.0
 */
public final class SaasPropertyChecks {

	private SaasPropertyChecks() {
	}

	/**
	 * Checks that a set credential starts with one of the prefixes its provider issues.
	 * @param property full property name
	 * @param value the value, or null when unset (then nothing is checked)
	 * @param what what the value should be, for example "a Resend API key"
	 * @param where where the user finds the right value
	 * @param prefixes accepted prefixes
	 */
	public static void requirePrefix(String property, @Nullable String value, String what, String where,
			String... prefixes) {
		if (value == null) {
			return;
		}
		String trimmed = value.strip();
		for (String prefix : prefixes) {
			if (trimmed.startsWith(prefix)) {
				if (!trimmed.equals(value)) {
					throw new InvalidSaasPropertyException(property, "the value has leading or trailing whitespace",
							"Remove the whitespace around the value of '" + property + "'.");
				}
				return;
			}
		}
		String expected = Arrays.stream(prefixes).map((prefix) -> "'" + prefix + "'").collect(Collectors.joining(" or "));
		throw new InvalidSaasPropertyException(property,
				"the value is not " + what + " (it must start with " + expected + ")",
				"Set '" + property + "' to " + what + ", found " + where + ".");
	}

	/** Checks that a set value is not blank. */
	public static void requireNotBlank(String property, @Nullable String value, String what) {
		if (value != null && value.isBlank()) {
			throw new InvalidSaasPropertyException(property, "the value is blank",
					"Set '" + property + "' to " + what + ", or remove the property.");
		}
	}

	/** Checks that a number, such as how many items to keep, is at least 1. */
	public static void requirePositive(String property, long value) {
		if (value < 1) {
			throw new InvalidSaasPropertyException(property, "it is less than 1",
					"Set '" + property + "' to a positive number, or remove it.");
		}
	}

	/** Checks that a duration, such as a timeout, is more than zero. */
	public static void requirePositive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidSaasPropertyException(property, "it is not a positive duration",
					"Set '" + property + "' to a positive duration such as 5s, or remove it to use the default.");
		}
	}

	/**
	 * Checks, when the application runs from Spring AOT generated code, that none of the
	 * properties that select a provider is set while its local stand-in runs. AOT evaluates the
	 * conditions once, when the application is processed: a key set only at runtime would leave
	 * the stand-in in place, and mails, events or uploads would silently stay in memory.
	 * @param environment the runtime environment
	 * @param standIn what was fixed at build time, for example "the local mail stand-in"
	 * @param properties the properties that select the provider instead
	 */
	public static void requireUnsetUnderAot(PropertyResolver environment, String standIn, String... properties) {
		if (!AotDetector.useGeneratedArtifacts()) {
			return;
		}
		for (String property : properties) {
			if (environment.containsProperty(property)) {
				throw new InvalidSaasPropertyException(property,
						"it is set, but Spring AOT processed this application without it and fixed " + standIn
								+ " at build time",
						"Run AOT processing with the profiles and properties of production (AOT evaluates the"
								+ " conditions at build time), or unset '" + property + "'.");
			}
		}
	}

	/** The environment variable that sets a property under Boot's relaxed binding. */
	public static String environmentVariable(String property) {
		return property.replace('.', '_').replace("-", "").toUpperCase(java.util.Locale.ROOT);
	}

}
