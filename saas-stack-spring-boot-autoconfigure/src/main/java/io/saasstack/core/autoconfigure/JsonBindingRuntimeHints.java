package io.saasstack.core.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Base of the native-image hints of an area: binding hints for the types Jackson reads or
 * writes by reflection, and the types they contain. The types are named, as they are private to
 * their clients.
 *
 * @since 0.1.0
 */
public abstract class JsonBindingRuntimeHints implements RuntimeHintsRegistrar {

	private final List<String> typeNames;

	/**
	 * @param typeNames binary names of the bound types, such as {@code a.b.Client$Body}
	 */
	protected JsonBindingRuntimeHints(String... typeNames) {
		Assert.notEmpty(typeNames, "typeNames must not be empty");
		this.typeNames = List.of(typeNames);
	}

	@Override
	public final void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
		for (String typeName : this.typeNames) {
			bindings.registerReflectionHints(hints.reflection(), ClassUtils.resolveClassName(typeName, classLoader));
		}
	}

}
