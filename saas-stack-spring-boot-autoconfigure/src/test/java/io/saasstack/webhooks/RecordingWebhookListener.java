package io.saasstack.webhooks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;

/**
 * Records the webhook events; throws on each when {@link #failing} is set.
 */
public class RecordingWebhookListener {

	public final List<Object> events = new CopyOnWriteArrayList<>();

	public volatile boolean failing;

	@EventListener
	public void received(WebhookReceived event) {
		record(event);
	}

	@EventListener
	public void clerkUser(ClerkUserEvent event) {
		record(event);
	}

	@EventListener
	public void clerkSession(ClerkSessionEvent event) {
		record(event);
	}

	@EventListener
	public void resend(ResendEmailEvent event) {
		record(event);
	}

	@EventListener
	public void media(MediaUploadEvent event) {
		record(event);
	}

	private void record(Object event) {
		this.events.add(event);
		if (this.failing) {
			throw new IllegalStateException("listener failed on purpose");
		}
	}

	public <T> List<T> of(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
