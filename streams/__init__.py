"""The processing core of strikewire: pure, typed stages (clean, entities, detect).

Nothing here imports faust or aiokafka, so every stage is testable and benchmarkable without a broker.
"""
