package io.saasstack.events.aop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import io.saasstack.events.TrackEvent;
import io.saasstack.events.TrackEvent.When;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TrackEventAnnotationValidatorTests {

	private final ApplicationContextRunner baseRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
		.withUserConfiguration(TrackEventAdvisorTests.TrackEventConfiguration.class)
		.withBean("pricing", Pricing.class);

	private final ApplicationContextRunner contextRunner = this.baseRunner.withBean(TrackEventAnnotationValidator.class,
			() -> new TrackEventAnnotationValidator(null));

	@Test
	void validAnnotationsPass() {
		this.contextRunner.withBean(Valid.class).withBean(ValidGreetings.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(Valid.class).order(List.of(new Item("a", true), new Item("b", false)), 3);
			assertThat(context.getBean(RecordingEventTracker.class).events()).hasSize(2)
				.allSatisfy((event) -> assertThat(event.tags()).containsEntry("active", 1)
					.containsEntry("price", "3 EUR")
					.containsEntry("max", 3));
		});
	}

	@Test
	void emptyChannelNeedsDefaultChannel() {
		this.contextRunner.withBean(NoChannel.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(NoChannel.class.getName() + ".run()")
			.hasMessageContaining("@TrackEvent(event = \"Ran\")")
			.hasMessageContaining("channel is empty and saas.events.logsnag.default-channel is not set"));
		this.baseRunner.withBean(NoChannel.class)
			.withBean(TrackEventAnnotationValidator.class, () -> new TrackEventAnnotationValidator("jobs"))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void rejectsUnparsableExpression() {
		this.contextRunner.withBean(Unparsable.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(Unparsable.class.getName() + ".run()")
			.hasMessageContaining("description \"User upgraded\" is not a valid SpEL expression")
			.hasMessageContaining("quote literal text"));
	}

	@Test
	void rejectsRootReference() {
		this.contextRunner.withBean(RootReference.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(RootReference.class.getName() + ".upgrade(String)")
			.hasMessageContaining("userId \"plan\": 'plan' is read from the root object")
			.hasMessageContaining("refer to an argument as #plan"));
	}

	@Test
	void rejectsUnknownVariable() {
		this.contextRunner.withBean(UnknownVariable.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(UnknownVariable.class.getName() + ".upgrade(String, int)")
			.hasMessageContaining("condition \"#seat > 1\": unknown variable #seat")
			.hasMessageContaining("use #plan, #seats (or #p0 to #p1), #result or #exception")
			.hasMessageNotContaining("-parameters"));
	}

	@Test
	void rejectsFunctionCall() {
		this.contextRunner.withBean(FunctionCall.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining("description \"#format(#plan)\": '#format(#plan)' calls a function"));
	}

	@Test
	void rejectsMalformedTag() {
		this.contextRunner.withBean(MalformedTag.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(MalformedTag.class.getName() + ".run(String)")
			.hasMessageContaining("tags \"#plan\" is not a \"key=expression\" pair"));
	}

	@Test
	void rejectsTagKeysLogSnagRefuses() {
		this.contextRunner.withBean(InvalidKeys.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(InvalidKeys.class.getName() + ".run(String)")
			.hasMessageContaining("tags \"Plan=#plan\": key 'Plan' is not valid for LogSnag: use lowercase letters"
					+ " and single dashes, no digits, for example 'plan'")
			.hasMessageContaining("key 'plan_type' is not valid for LogSnag")
			.hasMessageContaining("for example 'plan-type'")
			.hasMessageContaining("tags \"tier2=#plan\": key 'tier2' is not valid")
			.hasMessageContaining("tags \"plan=#plan.length()\": key 'plan' is used twice"));
	}

	@Test
	void acceptsKeysThatNormaliseWhenKeysAreNormalised() {
		this.baseRunner.withBean(NormalisableKeys.class)
			.withBean(TrackEventAnnotationValidator.class, () -> new TrackEventAnnotationValidator(null, true))
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withBean(NormalisableKeys.class)
			.run((context) -> assertFailure(context.getStartupFailure()).hasMessageContaining("key 'planType'"));
	}

	@Test
	void rejectsInvalidChannel() {
		this.contextRunner.withBean(InvalidChannel.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(InvalidChannel.class.getName() + ".run()")
			.hasMessageContaining("channel 'User Signups' is invalid: use lowercase letters, digits and single dashes"));
	}

	@Test
	void rejectsBlankEvent() {
		this.contextRunner.withBean(BlankEvent.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining("event is empty"));
	}

	@Test
	void rejectsResultInFailureEvent() {
		this.contextRunner.withBean(ResultOnFailure.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(ResultOnFailure.class.getName() + ".run()")
			.hasMessageContaining("tags \"total=#result\": #result is not available in a FAILURE event")
			.hasMessageContaining("use when = ALWAYS"));
	}

	@Test
	void rejectsExceptionInSuccessEvent() {
		this.contextRunner.withBean(ExceptionOnSuccess.class)
			.run((context) -> assertFailure(context.getStartupFailure())
				.hasMessageContaining(ExceptionOnSuccess.class.getName() + ".run()")
				.hasMessageContaining(
						"description \"#exception.message\": #exception is only available in FAILURE and ALWAYS events"));
	}

	@Test
	void rejectsResultOfMethodWithoutValue() {
		this.contextRunner.withBean(VoidResult.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(VoidResult.class.getName() + ".run()")
			.hasMessageContaining(VoidResult.class.getName() + ".later()")
			.hasMessageContaining("#result is always null, the method returns no value"));
	}

	@Test
	void rejectsMethodsProxiesCannotIntercept() {
		this.contextRunner.withBean(Unreachable.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(Unreachable.class.getName() + ".secret(): @TrackEvent has no effect on a private method")
			.hasMessageContaining(Unreachable.class.getName() + ".shared(): @TrackEvent has no effect on a static method")
			.hasMessageContaining(Unreachable.class.getName() + ".fixed(): @TrackEvent has no effect on a final method"));
	}

	@Test
	void rejectsUnsupportedAsynchronousResult() {
		this.contextRunner.withBean(PublisherResult.class).run((context) -> assertFailure(context.getStartupFailure())
			.hasMessageContaining(PublisherResult.class.getName() + ".run()")
			.hasMessageContaining("cannot tell when a org.reactivestreams.Publisher completes"));
	}

	@Test
	void rejectsBeansTheAdvisorDoesNotProxy() {
		this.contextRunner.withPropertyValues("spring.aop.auto=false")
			.withBean(Valid.class)
			.run((context) -> assertFailure(context.getStartupFailure())
				.hasMessageContaining("bean 'trackEventAnnotationValidatorTests.Valid' (" + Valid.class.getName()
						+ ") has @TrackEvent methods but is not proxied by the TrackEventAdvisor"));
	}

	@Test
	void rejectsMethodsHiddenByInterfaceProxy() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(ValidGreetings.class)
			.run((context) -> assertFailure(context.getStartupFailure())
				.hasMessageContaining(ValidGreetings.class.getName() + ".wave(String): bean")
				.hasMessageContaining("is a JDK proxy of")
				.hasMessageContaining("set spring.aop.proxy-target-class=true")
				.hasMessageNotContaining("hello"));
	}

	@Test
	void listsEveryProblem() {
		this.contextRunner.withBean(NoChannel.class)
			.withBean(InvalidChannel.class)
			.run((context) -> assertFailure(context.getStartupFailure()).hasMessageContaining(NoChannel.class.getName())
				.hasMessageContaining(InvalidChannel.class.getName()));
	}

	private static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(Throwable failure) {
		return assertThat(failure).isExactlyInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("Invalid @TrackEvent annotations; fix them so that their events are published:");
	}

	record Item(String name, boolean active) {

	}

	static class Pricing {

		public String format(int amount) {
			return amount + " EUR";
		}

	}

	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@TrackEvent(channel = "orders", event = "Order Placed",
			tags = { "active=#items.?[active].size()", "price=@pricing.format(#quantity)",
					"max=T(java.lang.Math).max(#p1, 1)" })
	@interface OrderPlaced {

	}

	static class Valid {

		@OrderPlaced
		@TrackEvent(channel = "orders", event = "Order Processed", when = When.ALWAYS,
				tags = { "active=#items.![active].?[#this].size()", "price=@pricing.format(#quantity)",
						"max=#result", "failed=#exception != null" })
		public int order(List<Item> items, int quantity) {
			return quantity;
		}

		@TrackEvent(channel = "orders", event = "Order Failed", when = When.FAILURE,
				description = "#exception.message", userId = "#customer?.toUpperCase()")
		public Mono<String> find(String customer) {
			return Mono.just(customer);
		}

		@TrackEvent(channel = "orders", event = "Orders Listed", tags = "last=#result")
		public Flux<String> list() {
			return Flux.empty();
		}

	}

	public interface Greetings {

		@TrackEvent(channel = "greetings", event = "Hello", tags = "name=#name")
		String hello(String name);

	}

	public static class ValidGreetings implements Greetings {

		@Override
		public String hello(String name) {
			return "hello " + name;
		}

		@TrackEvent(channel = "greetings", event = "Wave", tags = "name=#name")
		public void wave(String name) {
		}

	}

	static class NoChannel {

		@TrackEvent(event = "Ran")
		public void run() {
		}

	}

	static class Unparsable {

		@TrackEvent(channel = "users", event = "Upgraded", description = "User upgraded")
		public void run() {
		}

	}

	static class RootReference {

		@TrackEvent(channel = "users", event = "Upgraded", userId = "plan")
		public void upgrade(String plan) {
		}

	}

	static class UnknownVariable {

		@TrackEvent(channel = "users", event = "Upgraded", condition = "#seat > 1")
		public void upgrade(String plan, int seats) {
		}

	}

	static class FunctionCall {

		@TrackEvent(channel = "users", event = "Upgraded", description = "#format(#plan)")
		public void upgrade(String plan) {
		}

	}

	static class MalformedTag {

		@TrackEvent(channel = "users", event = "Upgraded", tags = "#plan")
		public void run(String plan) {
		}

	}

	static class InvalidKeys {

		@TrackEvent(channel = "users", event = "Upgraded",
				tags = { "Plan=#plan", "plan_type=#plan", "tier2=#plan", "plan=#plan", "plan=#plan.length()" })
		public void run(String plan) {
		}

	}

	static class NormalisableKeys {

		@TrackEvent(channel = "users", event = "Upgraded", tags = "planType=#plan")
		public void run(String plan) {
		}

	}

	static class InvalidChannel {

		@TrackEvent(channel = "User Signups", event = "Signed Up")
		public void run() {
		}

	}

	static class BlankEvent {

		@TrackEvent(channel = "users", event = " ")
		public void run() {
		}

	}

	static class ResultOnFailure {

		@TrackEvent(channel = "billing", event = "Charge Failed", when = When.FAILURE, tags = "total=#result")
		public int run() {
			return 1;
		}

	}

	static class ExceptionOnSuccess {

		@TrackEvent(channel = "billing", event = "Charged", description = "#exception.message")
		public void run() {
		}

	}

	static class VoidResult {

		@TrackEvent(channel = "billing", event = "Charged", tags = "total=#result")
		public void run() {
		}

		@TrackEvent(channel = "billing", event = "Charged Later", tags = "total=#result")
		public Mono<Void> later() {
			return Mono.empty();
		}

	}

	static class Unreachable {

		@TrackEvent(channel = "billing", event = "Secret")
		private void secret() {
		}

		@TrackEvent(channel = "billing", event = "Shared")
		public static void shared() {
		}

		@TrackEvent(channel = "billing", event = "Fixed")
		public final void fixed() {
		}

	}

	static class PublisherResult {

		@TrackEvent(channel = "billing", event = "Published")
		public Publisher<String> run() {
			return Mono.just("a");
		}

	}

}
