-- A client id only held by the identity whose answer first carried it (StoredDoc heldClientIds):
-- kept across restarts and visible to every instance, so that an instance loading the document
-- does not give it to the server while its holder is still connected to another instance.
ALTER TABLE client_owners ADD COLUMN held BOOLEAN NOT NULL DEFAULT false;
