#!/bin/sh
# Creates one RabbitMQ user per service, each allowed only what its service declares, publishes and consumes, through
# the management API. The one place these permissions are written: docker-compose.yml runs it before the services
# start, and the end-to-end tests run it for every virtual host they make, so every test proves the permissions suffice.
# POSIX sh and curl only (it runs in the curl image).
#
#   WEEEVENTS_RABBITMQ_MANAGEMENT_URL  http://admin:password@host:15672   (an administrator of the broker)
#   WEEEVENTS_RABBITMQ_VHOST           the virtual host (default /)
#   WEEEVENTS_RABBITMQ_USER_PREFIX     put before each user's name (default none: users order, inventory, payment, shipping)
#   WEEEVENTS_RABBITMQ_ORDER_PASSWORD, _INVENTORY_PASSWORD, _PAYMENT_PASSWORD, _SHIPPING_PASSWORD
#
#   WEEEVENTS_RABBITMQ_PREVIOUS_RELEASE  services still running the release before this one, during an upgrade only
#                                        (for example "inventory"); run the script again without it once they are upgraded
#
# What a service's user may touch (RabbitMQ permissions are regular expressions over exchange and queue names):
#   configure  its own route queues and exchanges (order.mark-paid, order.mark-paid_error, ...), its bus's temporary
#              queue and exchange (order_bus_...), the contract exchanges it publishes, and MassTransit's fault exchanges
#   write      the same
#   read       its own queues and exchanges, its bus queue, the fault exchanges
# Nothing on the contract exchanges it consumes, nor on any other service's queue: those exchanges, and their bindings to
# its queues, are declared by the operator's tool (WeeEvents.Admin topology deploy) as the broker's administrator before
# the services start, and the services run with WeeEvents:Messaging:ConsumeTopology=Deployed, so they never declare
# them. So Order can neither publish a PaymentSucceeded, nor delete or redeclare its exchange (which would drop Payment's
# later messages), nor read, purge or delete another service's queues.
#
# A service of the previous release declared the exchanges it consumes itself and named its bus queue after the
# machine ({machine}_{process}_bus_{id}); while it runs beside this release it keeps those rights (configure and read
# on the contracts it consumes, any bus queue), and only it: list it in WEEEVENTS_RABBITMQ_PREVIOUS_RELEASE.
set -eu

management="${WEEEVENTS_RABBITMQ_MANAGEMENT_URL:?set WEEEVENTS_RABBITMQ_MANAGEMENT_URL to http://admin:password@host:15672}"
vhost="${WEEEVENTS_RABBITMQ_VHOST:-/}"
prefix="${WEEEVENTS_RABBITMQ_USER_PREFIX:-}"
previous="${WEEEVENTS_RABBITMQ_PREVIOUS_RELEASE:-}"
encoded_vhost=$(printf '%s' "$vhost" | sed 's|/|%2F|g')

# Escaped for JSON: \\. in this file is \. in the regular expression.
contracts='WeeEvents\\.Contracts\\.'
faults='MassTransit:(Receive)?Fault.*'

# service  password  publishes  consumes  queues-of-0.12.0
grant() {
  service=$1 password=$2 publishes=$3 consumes=$4 legacy=$5
  # Its route queues (order.mark-paid, and their _error and _skipped), and those of release 0.12.0 and earlier, which
  # named them after their consumer classes: a service of the last release must run beside this one's.
  own="${service}\\\\..*|($legacy)(_error|_skipped)?"
  # Its bus's own temporary queue and exchange: {service}_bus_{id} (WeeEventsMessagingBuilder.ServiceName).
  bus="${service}_bus_.*"
  user="${prefix}${service}"
  configure="^($own|$bus|$faults|$contracts($publishes))\$"
  write="^($own|$bus|$faults|$contracts($publishes))\$"
  read="^($own|$bus|$faults)\$"
  case " $(printf '%s' "$previous" | tr ',' ' ') " in
    *" $service "*)
      # The previous release's rights, for this service only, while it is upgraded.
      configure="^($own|.*_bus_.*|$faults|$contracts($publishes|$consumes))\$"
      write="^($own|.*_bus_.*|$faults|$contracts($publishes))\$"
      read="^($own|.*_bus_.*|$faults|$contracts($consumes))\$"
      ;;
  esac
  # Retried: in compose the broker may answer pings before its management API is up.
  curl -fsS --retry 30 --retry-delay 2 --retry-all-errors -o /dev/null -X PUT "$management/api/users/$user" -H 'content-type: application/json' \
    -d "{\"password\":\"$password\",\"tags\":\"\"}"
  curl -fsS -o /dev/null -X PUT "$management/api/permissions/$encoded_vhost/$user" -H 'content-type: application/json' \
    -d "{\"configure\":\"$configure\",\"write\":\"$write\",\"read\":\"$read\"}"
  echo "[rabbitmq-users] $user on $vhost"
}

# Every service consumes Privacy:CustomerForgotten (Order publishes it and forgets too). What each consumes is listed for
# the previous release's rights only; this release's services need none on it.
grant order "${WEEEVENTS_RABBITMQ_ORDER_PASSWORD:?set WEEEVENTS_RABBITMQ_ORDER_PASSWORD}" \
  'Order:.*|Privacy:CustomerForgotten' 'Inventory:(StockReserved|StockReservationFailed)|Payment:(PaymentSucceeded|PaymentFailed)|Shipping:ShipmentScheduled|Privacy:CustomerForgotten' \
  'MarkOrderStockReserved|RejectOrderOnShortage|MarkOrderPaid|CancelOrderOnPaymentFailure|CompleteOrderOnShipment'
grant inventory "${WEEEVENTS_RABBITMQ_INVENTORY_PASSWORD:?set WEEEVENTS_RABBITMQ_INVENTORY_PASSWORD}" \
  'Inventory:.*' 'Order:(OrderPlaced|OrderCancelled)|Payment:(PaymentSucceeded|PaymentFailed)|Privacy:CustomerForgotten' \
  'ReserveStockForOrder|CommitStockForPaidOrder|ReleaseStockOnPaymentFailure|ReleaseStockOnCancellation'
grant payment "${WEEEVENTS_RABBITMQ_PAYMENT_PASSWORD:?set WEEEVENTS_RABBITMQ_PAYMENT_PASSWORD}" \
  'Payment:.*' 'Order:(OrderPlaced|OrderCancelled)|Inventory:(StockReserved|StockReservationFailed)|Privacy:CustomerForgotten' \
  'RequestPaymentForOrder|ChargeReservedOrder|RefundCancelledOrder|VoidPaymentOfRejectedOrder'
grant shipping "${WEEEVENTS_RABBITMQ_SHIPPING_PASSWORD:?set WEEEVENTS_RABBITMQ_SHIPPING_PASSWORD}" \
  'Shipping:.*' 'Order:(OrderPlaced|OrderCancelled)|Payment:(PaymentSucceeded|PaymentRefunded)|Inventory:StockReservationFailed|Privacy:CustomerForgotten' \
  'NoteShippingAddress|ScheduleShipmentForPaidOrder|CancelShipmentOnRefund|CancelShipmentOnCancellation|CancelShipmentOnRejection'
