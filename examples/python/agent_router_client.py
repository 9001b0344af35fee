#!/usr/bin/env python3
"""A producer and an agent for Agent Router in Python, written from the docs alone.

Registers an agent, submits a task for its pool, answers the assignment it receives, and prints
the decision and the agent's performance row as JSON lines. Needs Debian's python3-confluent-kafka
and python3-avro, and the schemas from `java -jar target/agent-router.jar schemas --out DIR`.

    python3 agent_router_client.py --bootstrap 127.0.0.1:9092 --schemas DIR --pool infra_pool_1 \
        --work-type deploy_service
"""
import argparse
import datetime
import io
import json
import sys
import time
import uuid

import avro.io
import avro.schema
from confluent_kafka import Consumer, Producer, TopicPartition

MARKER = b"\xc3\x01"


class Codec:
    """Avro single-object encoding with the fingerprints the router publishes.

    python3-avro 1.11 computes a different canonical form for schemas with logical types, so its
    own fingerprints never match: the header comes from fingerprints.json instead.
    """

    def __init__(self, folder):
        with open(f"{folder}/fingerprints.json") as f:
            self.headers = {name: MARKER + bytes.fromhex(hex_) for name, hex_ in json.load(f).items()}
        self.schemas = {}
        for name in self.headers:
            with open(f"{folder}/{name}.avsc") as f:
                self.schemas[name] = avro.schema.parse(f.read())

    def encode(self, name, record):
        out = io.BytesIO()
        out.write(self.headers[name])
        avro.io.DatumWriter(self.schemas[name]).write(record, avro.io.BinaryEncoder(out))
        return out.getvalue()

    def decode(self, name, data):
        if data[:10] != self.headers[name]:
            raise ValueError(f"not a {name} written with the published schema")
        return avro.io.DatumReader(self.schemas[name]).read(avro.io.BinaryDecoder(io.BytesIO(data[10:])))


def read_until(bootstrap, topic, found, timeout_s=60):
    """Reads a topic from the beginning (committed records only) until found(key, value) returns a value."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"py-reader-{uuid.uuid4()}",
                         "enable.auto.commit": False, "isolation.level": "read_committed",
                         "socket.receive.buffer.bytes": 0})  # 0: the OS default
    try:
        partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        consumer.assign([TopicPartition(topic, p, 0) for p in partitions])  # offset 0: from the beginning
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None or msg.error():
                continue
            result = found(msg.key().decode() if msg.key() else None, msg.value())
            if result is not None:
                return result
        raise TimeoutError(f"nothing wanted on {topic} within {timeout_s} s")
    finally:
        consumer.close()


def now():
    return datetime.datetime.now(tz=datetime.timezone.utc).replace(microsecond=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--schemas", required=True, help="folder written by `agent-router schemas`")
    parser.add_argument("--pool", required=True)
    parser.add_argument("--work-type", required=True)
    parser.add_argument("--agent-id", default=f"py-agent-{uuid.uuid4()}")
    parser.add_argument("--topic-prefix", default="")
    args = parser.parse_args()
    codec = Codec(args.schemas)
    topic = lambda name: args.topic_prefix + name  # noqa: E731
    # murmur2 like Java's default partitioner, so one agent's heartbeats land on one partition, and a
    # task keyed by its pool would land on the pool's partition
    producer = Producer({"bootstrap.servers": args.bootstrap, "partitioner": "murmur2_random"})

    agent = args.agent_id
    producer.produce(topic("agent-heartbeats"), key=agent, value=codec.encode("Heartbeat", {
        "agent_id": agent, "agent_type": "CODE", "pool_name": args.pool,
        "capabilities": [args.work_type], "specializations": [], "status": "ONLINE"}))
    producer.flush(10)
    read_until(args.bootstrap, topic("agent-registry"),
               lambda key, value: key if key == agent and value is not None else None)

    task_id = str(uuid.uuid4())
    producer.produce(topic("tasks"), key=task_id, value=codec.encode("WorkTask", {
        "task_id": task_id, "work_type": args.work_type, "pool_name": args.pool,
        "preferred_specialization": None, "resource_requirements": {"region": "eu"}, "max_retries": None,
        "submitted_at": now()}))
    producer.flush(10)

    def my_assignment(key, value):
        if key != agent:
            return None
        a = codec.decode("Assignment", value)
        return a if a["task"]["task_id"] == task_id else None

    assignment = read_until(args.bootstrap, topic("assignments"), my_assignment)
    producer.produce(topic("task-outcomes"), key=task_id, value=codec.encode("TaskOutcome", {
        "task_id": task_id, "decision_id": assignment["decision_id"], "agent_id": agent,
        "pool_name": assignment["pool_name"], "work_type": args.work_type, "status": "SUCCEEDED",
        "retryable": False, "duration_ms": 1200, "difficulty": "STRAIGHTFORWARD", "finished_at": now()}))
    producer.flush(10)

    def the_decision(key, value):
        d = codec.decode("RoutingDecision", value)
        return d if d["decision_id"] == assignment["decision_id"] else None

    decision = read_until(args.bootstrap, topic("routing-decisions"), the_decision)
    print(json.dumps({"decision_id": decision["decision_id"], "task_id": decision["task_id"],
                      "outcome": decision["outcome"], "selected_agent_id": decision["selected_agent_id"],
                      "score": decision["score"], "reason": decision["reason"]}))

    def my_performance(key, value):
        if key != f"{agent}/{args.work_type}":
            return None
        p = codec.decode("AgentPerformance", value)
        return p if p["success_count"] >= 1 else None

    performance = read_until(args.bootstrap, topic("agent-performance"), my_performance)
    print(json.dumps({"agent_id": performance["agent_id"], "work_type": performance["work_type"],
                      "success_count": performance["success_count"],
                      "failure_count": performance["failure_count"]}))
    producer.produce(topic("agent-heartbeats"), key=agent, value=None)  # deregisters
    producer.flush(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
