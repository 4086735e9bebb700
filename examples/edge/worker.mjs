// The ML_Model walkthrough API as a Worker: its OpenAPI export and its
// Lambda handler, served by Portico's edge module (see config.capnp).
import { createEdgeHandler } from '../../www/edge.mjs';
import api from '../ml-model/openapi.json';
import * as handlers from '../ml-model/handlers.mjs';

export default createEdgeHandler({ definition: api, lambdas: handlers });
