package io.saasstack.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * {@link ContextCustomizerFactory} of the tests annotated with {@link AutoConfigureSaasStack}.
 */
class SaasStackContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureSaasStack annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureSaasStack.class);
		return (annotation != null) ? new SaasStackContextCustomizer(annotation.wireMock()) : null;
	}

}
