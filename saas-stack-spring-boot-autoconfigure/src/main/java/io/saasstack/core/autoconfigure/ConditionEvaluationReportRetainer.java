package io.saasstack.core.autoconfigure;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keeps a reference to each context's condition evaluation report. A failed refresh destroys
 * the singleton that holds it before the failure analyzers run, and
 * {@link NoSuchSaasBeanFailureAnalyzer} needs it to tell why a saas-stack bean is missing.
 *
 * @since 0.1.0
 */
class ConditionEvaluationReportRetainer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Map<BeanFactory, ConditionEvaluationReport> reports = Collections
		.synchronizedMap(new WeakHashMap<>());

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		reports.put(context.getBeanFactory(), ConditionEvaluationReport.get(context.getBeanFactory()));
	}

	static @Nullable ConditionEvaluationReport retained(BeanFactory beanFactory) {
		return reports.get(beanFactory);
	}

}
