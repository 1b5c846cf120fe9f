/**
 * Durable delivery on the application's database: db-scheduler executions for the items,
 * a table of failed deliveries, a Bucket4j bucket for a rate limit shared by every instance and
 * a table of received webhooks.
 */
@NullMarked
package io.saasstack.delivery.jdbc;

import org.jspecify.annotations.NullMarked;
