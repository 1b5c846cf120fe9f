package io.saasstack.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Keeps credentials out of messages and {@code toString()} output.
 *
 * @since 0.1.0
 */
public final class Secrets {

	/** What replaces a secret in any text saas-stack produces. */
	public static final String MASK = "******";

	private static final int MIN_MASKED_LENGTH = 4;

	private Secrets() {
	}

	/** The mask for a set value, or {@code null} for an unset one, for use in {@code toString()}. */
	public static @Nullable String redact(@Nullable String secret) {
		return (secret != null) ? MASK : null;
	}

	/** The text with every occurrence of each secret replaced by {@link #MASK}. */
	public static @Nullable String mask(@Nullable String text, Collection<String> secrets) {
		if (text == null || secrets.isEmpty()) {
			return text;
		}
		// longest first, so that a secret containing another one is masked whole
		List<String> longestFirst = new ArrayList<>(secrets);
		longestFirst.sort(Comparator.nullsLast(Comparator.comparingInt(String::length).reversed()));
		String masked = text;
		for (String secret : longestFirst) {
			if (secret != null && secret.length() >= MIN_MASKED_LENGTH && masked.contains(secret)) {
				masked = masked.replace(secret, MASK);
			}
		}
		return masked;
	}

}
