package io.saasstack.events.delivery;

/**
 * What a {@link QueuedEventTracker} records about each request. Keeps Micrometer types out of
 * the tracker so that it works without Micrometer on the class path.
 */
interface DeliveryMeters {

	/** Records nothing. */
	DeliveryMeters NONE = new DeliveryMeters() {

		@Override
		public boolean timed() {
			return false;
		}

		@Override
		public void sent(int type, long nanos) {
		}

		@Override
		public void failed(int type, long nanos) {
		}

		@Override
		public void dropped(int type) {
		}

	};

	/** Whether {@link #sent} and {@link #failed} use their time, so the tracker must measure it. */
	boolean timed();

	/** A request of the given {@link QueuedEventTracker#TYPES type} was accepted by LogSnag. */
	void sent(int type, long nanos);

	/** A request finally failed. */
	void failed(int type, long nanos);

	/** A request was dropped or lost. */
	void dropped(int type);

}
