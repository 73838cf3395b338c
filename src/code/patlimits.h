/*
 * patlimits.h - the limits of the pattern format (docs/patterns.md) that
 * the writers of patterns (the peers' importers) must keep to as well.
 */
#ifndef KH_PATLIMITS_H
#define KH_PATLIMITS_H

/* The most words a pattern line may have after its head and before "=>"
 * (slots, form=, rank=). */
#define PATTERN_MAX_SLOTS 12

#endif
