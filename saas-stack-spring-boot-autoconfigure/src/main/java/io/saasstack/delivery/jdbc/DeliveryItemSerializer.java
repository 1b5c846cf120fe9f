package io.saasstack.delivery.jdbc;

import java.nio.charset.StandardCharsets;

import com.github.kagkarlsson.scheduler.serializer.Serializer;

/**
 * Stores a {@link DeliveryItem} as readable text: the task, a line feed, the attempts, a line
 * feed, the payload. Used by the scheduler saas-stack starts; a scheduler of the application
 * serializes items its own way ({@link DeliveryItem} is a serializable record).
 */
public final class DeliveryItemSerializer implements Serializer {

	private final Serializer fallback;

	public DeliveryItemSerializer(Serializer fallback) {
		this.fallback = fallback;
	}

	@Override
	public byte[] serialize(Object data) {
		if (data instanceof DeliveryItem item) {
			return (item.task() + "\n" + item.attempts() + "\n" + item.payload()).getBytes(StandardCharsets.UTF_8);
		}
		return this.fallback.serialize(data);
	}

	@Override
	public <T> T deserialize(Class<T> type, byte[] data) {
		if (type == DeliveryItem.class && data != null) {
			String text = new String(data, StandardCharsets.UTF_8);
			int first = text.indexOf('\n');
			int second = (first > 0) ? text.indexOf('\n', first + 1) : -1;
			if (second < 0) {
				throw new IllegalStateException("Not a saas-stack delivery item");
			}
			return type.cast(new DeliveryItem(text.substring(0, first),
					Integer.parseInt(text.substring(first + 1, second)), text.substring(second + 1)));
		}
		return this.fallback.deserialize(type, data);
	}

}
