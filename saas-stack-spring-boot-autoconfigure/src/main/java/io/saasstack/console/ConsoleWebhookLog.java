package io.saasstack.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.saasstack.core.KeptItems;
import io.saasstack.webhooks.WebhookOutcome;
import io.saasstack.webhooks.WebhookRecorder;

/**
 * The newest webhook outcomes, for the console's Webhooks page: provider, type, id, whether the
 * signature verified (and why not), and whether the message was published or was a replay.
 * Never the body or the headers. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ConsoleWebhookLog implements WebhookRecorder {

	private final KeptItems<WebhookOutcome> kept;

	/**
	 * @param maxKept how many of the newest outcomes to keep, at least 1
	 */
	public ConsoleWebhookLog(int maxKept) {
		this.kept = new KeptItems<>(maxKept);
	}

	@Override
	public void record(WebhookOutcome outcome) {
		this.kept.add(outcome);
	}

	/** The kept outcomes, oldest first. */
	public List<WebhookOutcome> outcomes() {
		return this.kept.list();
	}

	/** Forgets every kept outcome. */
	public void clear() {
		this.kept.clear();
	}

	List<Map<String, Object>> newestFirst() {
		List<Map<String, Object>> items = new ArrayList<>();
		for (WebhookOutcome outcome : outcomes()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("receivedAt", outcome.receivedAt().toString());
			item.put("provider", outcome.provider());
			item.put("type", outcome.type());
			item.put("id", outcome.id());
			item.put("verified", outcome.verified());
			item.put("result", outcome.result().name().toLowerCase(Locale.ROOT).replace('_', '-'));
			item.put("reason", outcome.reason());
			items.add(item);
		}
		Collections.reverse(items);
		return items;
	}

	@Override
	public String toString() {
		return "ConsoleWebhookLog[" + this.kept.size() + " kept]";
	}

}
