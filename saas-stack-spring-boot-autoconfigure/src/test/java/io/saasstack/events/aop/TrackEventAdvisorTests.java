package io.saasstack.events.aop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.events.TrackEvent;
import io.saasstack.events.TrackEvent.When;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.aop.aspectj.annotation.AnnotationAwareAspectJAutoProxyCreator;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.aop.framework.autoproxy.InfrastructureAdvisorAutoProxyCreator;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.NameMatchMethodPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.expression.spel.SpelEvaluationException;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

class TrackEventAdvisorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
		.withUserConfiguration(TrackEventConfiguration.class)
		.withBean(Shop.class)
		.withBean("formatter", Formatter.class);

	@Test
	void publishesEventWithArgumentsByNameAndIndex() {
		run((shop, events) -> {
			shop.upgrade(new User("u-1", "Ann"), "pro", 3, true, null);
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.channel()).isEqualTo("users");
				assertThat(event.event()).isEqualTo("User Upgraded");
				assertThat(event.description()).isEqualTo("Ann upgraded to pro");
				assertThat(event.userId()).isEqualTo("u-1");
				assertThat(event.icon()).isEqualTo(":rocket:");
				assertThat(event.pushNotification()).isTrue();
				assertThat(event.parser()).isEqualTo(LogEvent.Parser.MARKDOWN);
				assertThat(event.tags()).containsExactly(entry("plan", "pro"), entry("seats", 3),
						entry("trial", true), entry("first-seat", true), entry("plan-again", "pro"),
						entry("user", "User[id=u-1, name=Ann]"));
			});
		});
	}

	@Test
	void compiledExpressionsGiveTheEventsAndErrorsOfInterpretedOnes() {
		run((shop, events) -> {
			// SpEL compiles an expression after about 100 interpreted evaluations
			Throwable interpreted = catchThrowable(() -> shop.upgrade(null, "pro", 3, true, null));
			for (int i = 0; i < 300; i++) {
				shop.upgrade(new User("u-" + i, "Ann"), "pro", i, (i % 2) == 0, (i % 3 == 0) ? "WELCOME" : null);
			}
			assertThat(events).hasSize(300);
			assertThat(events.get(299).description()).isEqualTo("Ann upgraded to pro");
			assertThat(events.get(299).userId()).isEqualTo("u-299");
			assertThat(events.get(299).tags()).containsExactly(entry("plan", "pro"), entry("seats", 299),
					entry("trial", false), entry("first-seat", true), entry("plan-again", "pro"),
					entry("user", "User[id=u-299, name=Ann]"));
			assertThat(events.get(297).tags()).containsEntry("coupon", "WELCOME").containsEntry("trial", false);
			assertThat(events.get(0).tags()).containsEntry("first-seat", false).containsEntry("coupon", "WELCOME");
			// compiled code cannot call a method on null: SpEL interprets again and fails as before
			Throwable compiled = catchThrowable(() -> shop.upgrade(null, "pro", 3, true, null));
			assertThat(compiled).isInstanceOf(TrackEventException.class).hasMessage(interpreted.getMessage());
			shop.upgrade(new User("u-last", "Bob"), "team", 1, true, null);
			assertThat(events.get(events.size() - 1).description()).isEqualTo("Bob upgraded to team");
		});
	}

	@Test
	void leavesOptionalAttributesOut() {
		run((shop, events) -> {
			shop.ping();
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.channel()).as("empty channel: the tracker applies the default").isNull();
				assertThat(event.description()).isNull();
				assertThat(event.userId()).isNull();
				assertThat(event.icon()).isNull();
				assertThat(event.pushNotification()).isNull();
				assertThat(event.parser()).isNull();
				assertThat(event.tags()).isEmpty();
			});
		});
	}

	@Test
	void exposesResultAndHonoursCondition() {
		run((shop, events) -> {
			assertThat(shop.pay(50)).isEqualTo(100);
			assertThat(events).as("condition false").isEmpty();
			assertThat(shop.pay(200)).isEqualTo(400);
			assertThat(events).singleElement()
				.satisfies((event) -> assertThat(event.tags()).containsExactly(entry("total", 400)));
		});
	}

	@Test
	void resolvesBeanReferences() {
		run((shop, events) -> {
			shop.greet("ann");
			assertThat(events).singleElement()
				.satisfies((event) -> assertThat(event.description()).isEqualTo("Hello ANN"));
		});
	}

	@Test
	void failureEventExposesExceptionAndOriginalExceptionIsRethrown() {
		run((shop, events) -> {
			Throwable thrown = catchThrowable(() -> shop.charge(30));
			assertThat(thrown).isSameAs(shop.lastFailure()).hasNoSuppressedExceptions();
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.event()).isEqualTo("Payment Failed");
				assertThat(event.description()).isEqualTo("card declined");
				assertThat(event.tags()).containsExactly(entry("amount", 30));
			});
		});
	}

	@Test
	void successEventDoesNotFireWhenMethodThrows() {
		run((shop, events) -> {
			Throwable thrown = catchThrowable(() -> shop.cancel(true));
			assertThat(thrown).isSameAs(shop.lastFailure());
			assertThat(events).isEmpty();
			shop.cancel(false);
			assertThat(events).hasSize(1);
		});
	}

	@Test
	void failureEventDoesNotFireOnSuccess() {
		run((shop, events) -> {
			shop.charge(0);
			assertThat(events).isEmpty();
		});
	}

	@Test
	void alwaysEventFiresOnBothOutcomes() {
		run((shop, events) -> {
			assertThat(shop.process(false)).isEqualTo("done");
			Throwable thrown = catchThrowable(() -> shop.process(true));
			assertThat(thrown).isSameAs(shop.lastFailure());
			assertThat(events).extracting(LogEvent::tags)
				.containsExactly(Map.of("outcome", "ok", "result", "done"),
						Map.of("outcome", "failed: broken"));
		});
	}

	@Test
	void repeatedAnnotationsPublishOneEventEach() {
		run((shop, events) -> {
			shop.signUp("ann");
			assertThat(events).extracting(LogEvent::channel, LogEvent::event)
				.containsExactly(tuple("users", "User Signed Up"),
						tuple("growth", "Signup"));
		});
	}

	@Test
	void metaAnnotationPublishesItsEvent() {
		run((shop, events) -> {
			shop.upgradeTo("team");
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.channel()).isEqualTo("billing");
				assertThat(event.event()).isEqualTo("User Upgraded");
				assertThat(event.tags()).containsExactly(entry("plan", "team"));
			});
		});
	}

	@Test
	void unannotatedMethodsAndBeansAreUntouched() {
		this.contextRunner.withBean(Plain.class).run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(Plain.class))).isFalse();
			assertThat(context.getBean(Shop.class).untracked()).isEqualTo("untracked");
			assertThat(context.getBean(RecordingEventTracker.class).events()).isEmpty();
		});
	}

	@Test
	void classProxyWithAspectJ() {
		this.contextRunner.withBean(DefaultGreetings.class).run((context) -> {
			assertThat(context.getBean(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME))
				.isInstanceOf(AnnotationAwareAspectJAutoProxyCreator.class);
			Greetings greetings = context.getBean(Greetings.class);
			assertThat(AopUtils.isCglibProxy(greetings)).isTrue();
			assertGreetingsPublished(context, greetings);
		});
	}

	@Test
	void interfaceProxy() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(DefaultGreetings.class)
			.run((context) -> {
				Greetings greetings = context.getBean(Greetings.class);
				assertThat(AopUtils.isJdkDynamicProxy(greetings)).isTrue();
				assertGreetingsPublished(context, greetings);
			});
	}

	@Test
	void appliedWithoutAspectJAsInfrastructureAdvisor() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(org.aspectj.weaver.Advice.class))
			.withUserConfiguration(TrackEventConfiguration.class)
			.withBean(DefaultGreetings.class)
			.run((context) -> {
				assertThat(ClassUtils.isPresent("org.aspectj.weaver.Advice", context.getClassLoader())).isFalse();
				assertThat(context.getBean(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME))
					.isExactlyInstanceOf(InfrastructureAdvisorAutoProxyCreator.class);
				Greetings greetings = context.getBean(Greetings.class);
				assertThat(AopUtils.isCglibProxy(greetings)).isTrue();
				assertGreetingsPublished(context, greetings);
			});
	}

	@Test
	void interfaceProxyWithoutAspectJWhenAnAutoProxyCreatorIsRegistered() {
		// without AspectJ, Boot registers no auto-proxy creator when proxy-target-class is false
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(org.aspectj.weaver.Advice.class))
			.withPropertyValues("spring.aop.proxy-target-class=false")
			.withUserConfiguration(TrackEventConfiguration.class, AutoProxyCreatorConfiguration.class)
			.withBean(DefaultGreetings.class)
			.run((context) -> {
				Greetings greetings = context.getBean(Greetings.class);
				assertThat(AopUtils.isJdkDynamicProxy(greetings)).isTrue();
				assertGreetingsPublished(context, greetings);
			});
	}

	@Test
	void notAppliedWithoutAspectJWhenNotAnInfrastructureBean() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(org.aspectj.weaver.Advice.class))
			.withUserConfiguration(ApplicationRoleConfiguration.class)
			.withBean(Shop.class)
			.run((context) -> {
				assertThat(AopUtils.isAopProxy(context.getBean(Shop.class))).isFalse();
				context.getBean(Shop.class).ping();
				assertThat(context.getBean(RecordingEventTracker.class).events()).isEmpty();
			});
	}

	@Test
	void annotationsOfImplementationReplaceThoseOfInterface() {
		this.contextRunner.withBean(OverridingGreetings.class).run((context) -> {
			context.getBean(Greetings.class).hello("ann");
			assertThat(context.getBean(RecordingEventTracker.class).events()).extracting(LogEvent::event)
				.containsExactly("Hello Again");
		});
	}

	@Test
	void runsAroundAdviceOfLowestPrecedenceSuchAsTransactions() {
		this.contextRunner.withUserConfiguration(CommitConfiguration.class).run((context) -> {
			Shop shop = context.getBean(Shop.class);
			Throwable thrown = catchThrowable(shop::save);
			assertThat(thrown).hasMessage("commit failed");
			assertThat(context.getBean(RecordingEventTracker.class).events()).extracting(LogEvent::event)
				.containsExactly("Save Failed");
		});
	}

	@Test
	void monoPublishesWhenItEmits() {
		run((shop, events) -> {
			Sinks.One<String> sink = Sinks.one();
			List<String> received = new ArrayList<>();
			Mono<String> mono = shop.later(sink);
			mono.subscribe(received::add);
			assertThat(events).as("the method returned, the Mono has not emitted").isEmpty();
			sink.tryEmitValue("done");
			assertThat(received).containsExactly("done");
			assertThat(events).singleElement()
				.satisfies((event) -> assertThat(event.tags()).containsExactly(entry("value", "done")));
		});
	}

	@Test
	void emptyMonoPublishesWithNullResult() {
		run((shop, events) -> {
			Sinks.One<String> sink = Sinks.one();
			shop.later(sink).subscribe();
			assertThat(events).isEmpty();
			sink.tryEmitEmpty();
			assertThat(events).singleElement().satisfies((event) -> assertThat(event.tags()).isEmpty());
		});
	}

	@Test
	void monoErrorPublishesFailureEvent() {
		run((shop, events) -> {
			Sinks.One<String> sink = Sinks.one();
			List<Throwable> errors = new ArrayList<>();
			shop.later(sink).subscribe((value) -> {
			}, errors::add);
			IllegalStateException failure = new IllegalStateException("timed out");
			sink.tryEmitError(failure);
			assertThat(errors).singleElement().isSameAs(failure);
			assertThat(failure).hasNoSuppressedExceptions();
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.event()).isEqualTo("Later Failed");
				assertThat(event.description()).isEqualTo("timed out");
			});
		});
	}

	@Test
	void fluxPublishesLastElementOnCompletion() {
		run((shop, events) -> {
			Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
			List<String> received = new ArrayList<>();
			shop.stream(sink).subscribe(received::add);
			sink.tryEmitNext("a");
			sink.tryEmitNext("b");
			assertThat(received).containsExactly("a", "b");
			assertThat(events).as("not completed yet").isEmpty();
			sink.tryEmitComplete();
			assertThat(events).singleElement()
				.satisfies((event) -> assertThat(event.tags()).containsExactly(entry("last", "b")));
		});
	}

	@Test
	void fluxErrorPublishesFailureEvent() {
		run((shop, events) -> {
			Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
			List<Throwable> errors = new ArrayList<>();
			shop.stream(sink).subscribe((value) -> {
			}, errors::add);
			sink.tryEmitNext("a");
			IllegalStateException failure = new IllegalStateException("stream broken");
			sink.tryEmitError(failure);
			assertThat(errors).singleElement().isSameAs(failure);
			assertThat(events).extracting(LogEvent::event).containsExactly("Stream Failed");
		});
	}

	@Test
	void futurePublishesWhenItCompletes() {
		run((shop, events) -> {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = shop.eventually(pending);
			assertThat(returned).isNotDone();
			assertThat(events).as("the method returned, the future is not complete").isEmpty();
			pending.complete("ok");
			assertThat(returned).isCompletedWithValue("ok");
			assertThat(events).singleElement()
				.satisfies((event) -> assertThat(event.tags()).containsExactly(entry("value", "ok")));
		});
	}

	@Test
	void failedFuturePublishesFailureEvent() {
		run((shop, events) -> {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletionStage<String> returned = shop.eventuallyStage(pending);
			assertThat(events).isEmpty();
			IllegalStateException failure = new IllegalStateException("rejected");
			pending.completeExceptionally(failure);
			assertThat(catchThrowable(() -> returned.toCompletableFuture().join()))
				.isInstanceOf(CompletionException.class)
				.cause()
				.isSameAs(failure);
			assertThat(events).singleElement()
				.satisfies((event) -> assertThat(event.description()).isEqualTo("rejected"));
		});
	}

	@Test
	void expressionFailureThrowsTrackEventException() {
		run((shop, events) -> {
			assertThatExceptionOfType(TrackEventException.class)
				.isThrownBy(() -> shop.upgrade(null, "pro", 1, false, null))
				.withMessageContaining(Shop.class.getName() + ".upgrade(User, String, int, boolean, String)")
				.withMessageContaining("description \"#user.name() + ' upgraded to ' + #plan\"")
				.withCauseInstanceOf(SpelEvaluationException.class);
			assertThat(shop.calls()).as("the method ran").isOne();
			assertThat(events).isEmpty();
		});
	}

	@Test
	void expressionFailureOfFailureEventIsSuppressedByTheMethodException() {
		run((shop, events) -> {
			Throwable thrown = catchThrowable(() -> shop.refund());
			assertThat(thrown).isSameAs(shop.lastFailure());
			assertThat(thrown.getSuppressed()).singleElement()
				.isInstanceOf(TrackEventException.class)
				.satisfies((suppressed) -> assertThat(suppressed).hasMessageContaining("Shop.refund()")
					.hasMessageContaining("tags \"reason=#exception.reason\""));
			assertThat(events).isEmpty();
		});
	}

	@Test
	void invalidEventThrowsTrackEventException() {
		run((shop, events) -> assertThatExceptionOfType(TrackEventException.class).isThrownBy(shop::badChannel)
			.withMessageContaining("@TrackEvent(event = \"Bad\") on " + Shop.class.getName() + ".badChannel()")
			.withMessageContaining("the event is invalid")
			.withMessageContaining("'Bad Channel'")
			.withCauseInstanceOf(IllegalArgumentException.class));
	}

	@Test
	void droppedEventIsNotAnError() {
		this.contextRunner.run((context) -> {
			context.getBean(RecordingEventTracker.class).dropAll();
			context.getBean(Shop.class).ping();
			assertThat(context.getBean(RecordingEventTracker.class).events()).isEmpty();
		});
	}

	@Test
	void monoExpressionFailureIsSignalledAsError() {
		run((shop, events) -> {
			List<Throwable> errors = new ArrayList<>();
			shop.lookUp(Mono.just("ann")).subscribe((value) -> {
			}, errors::add);
			assertThat(errors).singleElement()
				.isInstanceOf(TrackEventException.class)
				.satisfies((error) -> assertThat(error).hasMessageContaining("#result.missing"));
			assertThat(events).as("not reported as a failure of the method").isEmpty();
		});
	}

	@Test
	void futureExpressionFailureFailsTheReturnedFuture() {
		run((shop, events) -> {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = shop.lookUpLater(pending);
			pending.complete("ann");
			assertThat(catchThrowable(returned::join)).isInstanceOf(CompletionException.class)
				.cause()
				.isInstanceOf(TrackEventException.class)
				.hasMessageContaining("#result.missing");
			assertThat(events).isEmpty();
		});
	}

	@Test
	void unparsableAnnotationFailsCallsBeforeTheMethodRuns() {
		this.contextRunner.withBean(Broken.class).run((context) -> {
			Broken broken = context.getBean(Broken.class);
			assertThatExceptionOfType(TrackEventException.class).isThrownBy(broken::run)
				.withMessageContaining("Invalid @TrackEvent on " + Broken.class.getName() + ".run()")
				.withMessageContaining("description \"User upgraded\" is not a valid SpEL expression");
			assertThat(broken.ran()).isFalse();
		});
	}

	private void run(ShopTest test) {
		this.contextRunner.run((context) -> test.run(context.getBean(Shop.class),
				context.getBean(RecordingEventTracker.class).events()));
	}

	private static void assertGreetingsPublished(AssertableApplicationContext context, Greetings greetings) {
		assertThat(greetings.hello("ann")).isEqualTo("hello ann");
		assertThat(greetings.bye("bob")).isEqualTo("bye bob");
		assertThat(context.getBean(RecordingEventTracker.class).events())
			.extracting(LogEvent::event, (event) -> event.tags().get("name"))
			.containsExactly(tuple("Hello", "ann"),
					tuple("Bye", "bob"));
	}

	private static Map.Entry<String, Object> entry(String key, Object value) {
		return Map.entry(key, value);
	}

	@FunctionalInterface
	interface ShopTest {

		void run(Shop shop, List<LogEvent> events);

	}

	@Configuration(proxyBeanMethods = false)
	static class TrackEventConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static TrackEventAdvisor trackEventAdvisor(ObjectProvider<EventTracker> tracker) {
			return new TrackEventAdvisor(tracker);
		}

		@Bean
		RecordingEventTracker eventTracker() {
			return new RecordingEventTracker();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AutoProxyCreatorConfiguration {

		@Bean
		static BeanFactoryPostProcessor autoProxyCreatorRegistrar() {
			return (beanFactory) -> AopConfigUtils.registerAutoProxyCreatorIfNecessary((BeanDefinitionRegistry) beanFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CommitConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static NameMatchMethodPointcutAdvisor commitAdvisor() {
			// like a transaction interceptor (lowest precedence) whose commit fails
			NameMatchMethodPointcutAdvisor advisor = new NameMatchMethodPointcutAdvisor((MethodInterceptor) (invocation) -> {
				invocation.proceed();
				throw new IllegalStateException("commit failed");
			});
			advisor.setMappedName("save");
			advisor.setOrder(Ordered.LOWEST_PRECEDENCE);
			return advisor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationRoleConfiguration {

		@Bean
		static TrackEventAdvisor trackEventAdvisor(ObjectProvider<EventTracker> tracker) {
			return new TrackEventAdvisor(tracker);
		}

		@Bean
		RecordingEventTracker eventTracker() {
			return new RecordingEventTracker();
		}

	}

	// public: compiled SpEL expressions can then read it (they are skipped for types they cannot access)
	public record User(String id, String name) {

	}

	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@TrackEvent(channel = "billing", event = "User Upgraded", tags = "plan=#plan")
	@interface UserUpgraded {

	}

	static class Shop {

		private final AtomicInteger calls = new AtomicInteger();

		private volatile @Nullable RuntimeException lastFailure;

		// read through the proxy: its own fields are not the target's
		public int calls() {
			return this.calls.get();
		}

		public @Nullable RuntimeException lastFailure() {
			return this.lastFailure;
		}

		@TrackEvent(channel = "users", event = "User Upgraded", icon = ":rocket:", pushNotification = true,
				description = "#user.name() + ' upgraded to ' + #plan", userId = "#user.id()",
				parser = LogEvent.Parser.MARKDOWN, tags = { "plan=#plan", "seats=#seats", "trial=#trial",
						"coupon=#coupon", "first-seat=#p2 > 0", "plan-again = #a1", "user=#user" })
		public void upgrade(@Nullable User user, String plan, int seats, boolean trial, @Nullable String coupon) {
			this.calls.incrementAndGet();
		}

		@TrackEvent(event = "Ping")
		public void ping() {
		}

		@TrackEvent(channel = "billing", event = "Invoice Paid", tags = "total=#result", condition = "#amount > 100")
		public int pay(int amount) {
			return amount * 2;
		}

		@TrackEvent(channel = "users", event = "Greeted", description = "@formatter.greet(#name)")
		public void greet(String name) {
		}

		@TrackEvent(channel = "billing", event = "Payment Failed", when = When.FAILURE,
				description = "#exception.message", tags = "amount=#amount")
		public void charge(int amount) {
			if (amount > 0) {
				throw fail(new IllegalStateException("card declined"));
			}
		}

		@TrackEvent(channel = "billing", event = "Cancelled")
		public void cancel(boolean fail) {
			if (fail) {
				throw fail(new IllegalStateException("cannot cancel"));
			}
		}

		@TrackEvent(channel = "jobs", event = "Processed", when = When.ALWAYS,
				tags = { "outcome=#exception == null ? 'ok' : 'failed: ' + #exception.message", "result=#result" })
		public String process(boolean fail) {
			if (fail) {
				throw fail(new IllegalArgumentException("broken"));
			}
			return "done";
		}

		@TrackEvent(channel = "users", event = "User Signed Up")
		@TrackEvent(channel = "growth", event = "Signup", tags = "name=#name")
		public void signUp(String name) {
		}

		@UserUpgraded
		public void upgradeTo(String plan) {
		}

		public String untracked() {
			return "untracked";
		}

		@TrackEvent(channel = "jobs", event = "Later", tags = "value=#result")
		@TrackEvent(channel = "jobs", event = "Later Failed", when = When.FAILURE, description = "#exception.message")
		public Mono<String> later(Sinks.One<String> sink) {
			return sink.asMono();
		}

		@TrackEvent(channel = "jobs", event = "Stream", tags = "last=#result")
		@TrackEvent(channel = "jobs", event = "Stream Failed", when = When.FAILURE)
		public Flux<String> stream(Sinks.Many<String> sink) {
			return sink.asFlux();
		}

		@TrackEvent(channel = "jobs", event = "Eventually", tags = "value=#result")
		public CompletableFuture<String> eventually(CompletableFuture<String> future) {
			return future;
		}

		@TrackEvent(channel = "jobs", event = "Eventually Failed", when = When.FAILURE,
				description = "#exception.message")
		public CompletionStage<String> eventuallyStage(CompletableFuture<String> future) {
			return future;
		}

		@TrackEvent(channel = "billing", event = "Refund Failed", when = When.FAILURE,
				tags = "reason=#exception.reason")
		public void refund() {
			throw fail(new IllegalStateException("no refunds"));
		}

		@TrackEvent(channel = "Bad Channel", event = "Bad")
		public void badChannel() {
		}

		@TrackEvent(channel = "users", event = "Looked Up", tags = "missing=#result.missing")
		@TrackEvent(channel = "users", event = "Look Up Failed", when = When.FAILURE)
		public Mono<String> lookUp(Mono<String> user) {
			return user;
		}

		@TrackEvent(channel = "users", event = "Looked Up Later", tags = "missing=#result.missing")
		@TrackEvent(channel = "users", event = "Look Up Later Failed", when = When.FAILURE)
		public CompletableFuture<String> lookUpLater(CompletableFuture<String> user) {
			return user;
		}

		@TrackEvent(channel = "users", event = "Saved")
		@TrackEvent(channel = "users", event = "Save Failed", when = When.FAILURE)
		public void save() {
		}

		private RuntimeException fail(RuntimeException failure) {
			this.lastFailure = failure;
			return failure;
		}

	}

	static class Formatter {

		public String greet(String name) {
			return "Hello " + name.toUpperCase(Locale.ROOT);
		}

	}

	static class Plain {

		public void run() {
		}

	}

	static class Broken {

		private volatile boolean ran;

		public boolean ran() {
			return this.ran;
		}

		@TrackEvent(channel = "users", event = "Broken", description = "User upgraded")
		public void run() {
			this.ran = true;
		}

	}

	// public: without AspectJ the proxy class is defined by the FilteredClassLoader, in another runtime package
	public interface Greetings {

		@TrackEvent(channel = "greetings", event = "Hello", tags = "name=#name")
		String hello(String name);

		String bye(String name);

	}

	public static class DefaultGreetings implements Greetings {

		@Override
		public String hello(String name) {
			return "hello " + name;
		}

		@Override
		@TrackEvent(channel = "greetings", event = "Bye", tags = "name=#name")
		public String bye(String name) {
			return "bye " + name;
		}

	}

	static class OverridingGreetings extends DefaultGreetings {

		@Override
		@TrackEvent(channel = "greetings", event = "Hello Again", tags = "name=#name")
		public String hello(String name) {
			return super.hello(name);
		}

	}

}
