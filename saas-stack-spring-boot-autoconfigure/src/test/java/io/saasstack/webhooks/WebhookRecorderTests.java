package io.saasstack.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class WebhookRecorderTests {

	private static final WebhookOutcome OUTCOME = new WebhookOutcome(Instant.EPOCH, "clerk", "user.created", "msg_1",
			WebhookOutcome.Result.PUBLISHED, null);

	@Test
	void noneAndOneNeedNoComposite() {
		WebhookRecorder one = (outcome) -> {
		};
		assertThat(WebhookRecorder.all(List.of())).isSameAs(WebhookRecorder.NONE);
		assertThat(WebhookRecorder.all(List.of(one))).isSameAs(one);
	}

	@Test
	void everyRecorderIsToldInOrderEvenAfterOneThrows() {
		List<String> told = new ArrayList<>();
		WebhookRecorder all = WebhookRecorder.all(List.of((outcome) -> told.add("first " + outcome.id()), (outcome) -> {
			told.add("failing");
			throw new IllegalStateException("full");
		}, (outcome) -> told.add("last " + outcome.id())));
		assertThatIllegalStateException().isThrownBy(() -> all.record(OUTCOME)).withMessage("full");
		assertThat(told).containsExactly("first msg_1", "failing", "last msg_1");
	}

}
