"""The pipeline: one package per stage, in the order documents flow through them.

read -> (decode) -> clean -> lang -> dedup -> time -> entities -> events -> merge
"""
