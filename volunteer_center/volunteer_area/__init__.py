"""The volunteer's self-service area, "Strefa wolontariusza"
(docs/ARCHITECTURE.md, "The volunteer area"): part of the top layer, it calls
the same services as the staff screens, with the volunteer as the actor."""
